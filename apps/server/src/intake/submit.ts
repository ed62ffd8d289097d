import type { ServerContext } from '../context';
import type { EngineError } from '../engine-port';
import type { Locale } from '../http/locale';
import { statusOf } from '../http/engine-result';
import type { Touch } from './capture';
import type { IntakeKind, IntakeReason, IntakeStore } from './intake-store';

export type IntakeMode = 'merge' | 'create' | 'reject';

export type IntakeInput = {
  kind: IntakeKind;
  source: string;
  entity: string;
  values: Record<string, unknown>;
  mode: IntakeMode;
  touch: Touch;
  ip: string;
  idempotencyKey: string | null;
  locale: Locale;
};

export type IntakeOutcome =
  | { ok: true; recordId: string; merged: boolean }
  | { ok: false; status: number; error: EngineError };

/**
 * The shared tail of form and webhook intake: the engine's one write path (validate,
 * normalize, dedupe/merge, outbox) as a public actor, then the touch and the log entry.
 * The record is durable before anything is acknowledged.
 */
export async function writeIntake(ctx: ServerContext, store: IntakeStore, input: IntakeInput): Promise<IntakeOutcome> {
  const engineMode = input.mode === 'merge' ? 'merge' : input.mode === 'create' ? 'create' : 'interactive';
  let result;
  try {
    result = await ctx.engine.records.create(input.entity, input.values, {
      actor: { kind: 'public', locale: input.locale },
      via: 'intake',
      locale: input.locale,
      mode: engineMode as 'merge',
    });
  } catch (err) {
    ctx.log({ level: 'error', msg: 'intake write failed', source: input.source, error: err instanceof Error ? err.message : String(err) });
    result = { ok: false as const, error: { code: 'internal', message: 'internal', errors: [] } };
  }
  const at = ctx.now();
  if (!result.ok) {
    const status = statusOf(result.error) === 404 ? 422 : statusOf(result.error);
    const reasons: IntakeReason[] = (result.error.errors ?? []).map((e) => ({ path: e.path, code: e.code, message: e.message }));
    if (reasons.length === 0) reasons.push({ path: '', code: result.error.code, message: result.error.message });
    store.log({ kind: input.kind, source: input.source, status: 'rejected', httpStatus: status, reasons, ip: input.ip, idempotencyKey: input.idempotencyKey }, at);
    return { ok: false, status, error: result.error };
  }
  const record = result.record;
  const recordId = String(record.id);
  const merged = isMerged(result);
  ctx.db.transaction(() => {
    store.touch(input.entity, recordId, input.kind, input.source, input.touch, at);
    store.log({ kind: input.kind, source: input.source, status: merged ? 'merged' : 'accepted', httpStatus: 201, recordId, ip: input.ip, idempotencyKey: input.idempotencyKey }, at);
  });
  return { ok: true, recordId, merged };
}

function isMerged(result: object): boolean {
  const r = result as { merged?: unknown; outcome?: unknown; created?: unknown };
  return r.merged === true || r.outcome === 'merged' || r.created === false;
}
