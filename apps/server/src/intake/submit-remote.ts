import type { Engine } from '@trellis/engine';
import type { WriterPort } from '../writer/calls';
import { intakeCreateOptions, type IntakeInput, type IntakeOutcome } from './submit';

/**
 * A submission in `trellis start`: normalized and validated here (no database needed), written
 * by the writer thread in its group commit (`writeIntake`).
 */
export async function prepareAndForward(
  engine: Engine,
  port: WriterPort,
  input: IntakeInput,
): Promise<IntakeOutcome> {
  const ahead = await engine.records.prepareCreate(
    input.entity,
    input.values,
    intakeCreateOptions(input),
  );
  const prepared = ahead.ok ? ahead.prepared : null;
  return port({
    target: 'server',
    method: 'intake.submit',
    args: [prepared ? { ...input, prepared } : input],
  }) as Promise<IntakeOutcome>;
}
