import type { ActionModule, ActionInput, ActionLog, ActionResult, ActionContext } from '../types';
import type { Scope } from '../runtime';
import { am } from '../messages';

/** Thrown inside the action's unit to undo a failed action's partial writes. */
class Rollback extends Error {
  constructor(readonly result: ActionResult) {
    super('rollback');
  }
}

/**
 * Runs one action exactly once per idempotency key. The action's writes (records through the
 * write path, tasks, notifications, queued deliveries) and the action_effects row commit in ONE
 * unit of the drain's transaction: after a crash either all of it exists (and the key makes a
 * rerun replay the stored result) or none of it (and the rerun applies it). A failed action is
 * rolled back and its failure stored under the key too, so a deterministic refusal (a stage
 * gate) is not retried forever. Transient database errors propagate: the worker retries the
 * event later.
 */
export async function executeAction(
  scope: Scope,
  mod: ActionModule | undefined,
  type: string,
  input: ActionInput,
  ctx: ActionContext,
): Promise<ActionLog> {
  const { rt, db } = scope;
  const t0 = performance.now();
  // Effects commit with their event's completion, so only an event taken before
  // (attempts > 1) can have any.
  const prior = input.event.attempts > 1 ? await db.effects.get(input.effectKey) : null;
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
  const unit = async (): Promise<ActionResult> => {
    const r = mod
      ? await mod.run(input, ctx)
      : ({ ok: false, code: 'action.unknown', message: type } as ActionResult);
    if (!r.ok) throw new Rollback(r);
    await putEffect(scope, input, type, r);
    return r;
  };
  try {
    result = scope.tx ? await scope.tx.transaction(unit) : await rt.store.transaction(unit);
  } catch (e) {
    if (rt.store.transient(e)) throw e;
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
    await putEffect(scope, input, type, result);
  }
  return {
    index: input.index,
    type,
    status: result.ok ? 'succeeded' : 'failed',
    result,
    durationMs: round(performance.now() - t0),
  };
}

/**
 * Stores an action's outcome under its key: at once, or with the event's completion when the
 * worker collects the event's log. Either way in the event's unit, so it commits with (or rolls
 * back with) the action's writes.
 */
async function putEffect(
  scope: Scope,
  input: ActionInput,
  type: string,
  result: ActionResult,
): Promise<void> {
  const at = scope.rt.now();
  if (scope.log)
    scope.log.effects.push({
      key: input.effectKey,
      runId: input.runId,
      actionType: type,
      result,
      at,
    });
  else await scope.db.effects.put(input.effectKey, input.runId, type, result, at);
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
