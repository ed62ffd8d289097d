import type { ActionModule, ActionInput, ActionLog, ActionResult, ActionContext } from '../types';
import type { Runtime } from '../runtime';
import { am } from '../messages';

/** Thrown inside the action transaction to undo a failed action's partial writes. */
class Rollback extends Error {
  constructor(readonly result: ActionResult) {
    super('rollback');
  }
}

/** SQLite errors worth retrying the whole event for (the database was busy, not the action wrong). */
function isTransient(e: unknown): boolean {
  const code = (e as { code?: unknown })?.code;
  return (
    typeof code === 'string' && /^SQLITE_(BUSY|LOCKED|IOERR|FULL|CANTOPEN|INTERRUPT)/.test(code)
  );
}

/**
 * Runs one action exactly once per idempotency key. The action's writes (records through the
 * write path, tasks, notifications, queued deliveries), the depth of the events they emit and
 * the action_effects row commit in ONE transaction: after a crash either all of it exists (and
 * the key makes a rerun replay the stored result) or none of it (and the rerun applies it).
 * A failed action is rolled back and its failure stored under the key too, so a deterministic
 * refusal (a stage gate) is not retried forever. Transient database errors propagate: the
 * worker retries the event later.
 */
export function executeAction(
  rt: Runtime,
  mod: ActionModule | undefined,
  type: string,
  input: ActionInput,
  ctx: ActionContext,
): ActionLog {
  const t0 = performance.now();
  // Effects commit with their event's claim and completion, so only an event claimed before
  // (attempts > 1) can have any.
  const prior = input.event.attempts > 1 ? rt.runs.getEffect(input.effectKey) : null;
  if (prior) {
    const result = prior.result as ActionResult;
    return {
      index: input.index,
      type,
      status: result.ok ? 'succeeded' : 'failed',
      result,
      durationMs: 0,
      replayed: true,
    };
  }
  let result: ActionResult;
  try {
    result = rt.db.transaction(() => {
      const mark = rt.outbox.lastSeq();
      const r = mod
        ? mod.run(input, ctx)
        : ({ ok: false, code: 'action.unknown', message: type } as ActionResult);
      if (!r.ok) throw new Rollback(r);
      rt.outbox.setDepthAfter(mark, ctx.depth);
      rt.runs.putEffect(input.effectKey, input.runId, type, r, rt.now());
      return r;
    });
  } catch (e) {
    if (isTransient(e)) throw e;
    result =
      e instanceof Rollback
        ? e.result
        : {
            ok: false,
            code: 'action.threw',
            message: am(rt.locale, 'actionThrew', {
              detail: e instanceof Error ? e.message : String(e),
            }),
          };
    rt.runs.putEffect(input.effectKey, input.runId, type, result, rt.now());
  }
  return {
    index: input.index,
    type,
    status: result.ok ? 'succeeded' : 'failed',
    result,
    durationMs: round(performance.now() - t0),
  };
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
