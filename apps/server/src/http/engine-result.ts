import type { EngineError } from '../engine-port';
import { HttpProblem } from './problem';

const STATUS: Record<string, number> = {
  validation: 422,
  stage_gate: 422,
  invalid_input: 400,
  duplicate: 409,
  conflict: 409,
  // A forbidden record answers like a missing one, so its existence does not leak.
  forbidden: 404,
  not_found: 404,
  unknown_entity: 404,
  internal: 500,
};

/** HTTP status of an engine error code. */
export function statusOf(error: EngineError): number {
  return STATUS[error.code] ?? 422;
}

/** Turns an engine failure into a problem; for `forbidden` the text is the not-found text. */
export function engineProblem(
  error: EngineError,
  redactErrors: (errors: EngineError['errors']) => EngineError['errors'] = (e) => e,
): HttpProblem {
  const status = statusOf(error);
  if (status === 404) return new HttpProblem(404, 'not_found');
  // The engine already localized its own message; keep it as the detail.
  return new HttpProblem(
    status,
    error.code,
    {},
    redactErrors(error.errors ?? []),
    {},
    error.message,
  );
}
