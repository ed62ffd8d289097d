import type { AutomationSpec } from '@trellis/spec';
import { explainCondition } from '../condition';
import { am } from '../messages';
import type { RecordsPort } from '../records-port';
import { actions } from '../registry';
import type { Scope } from '../runtime';
import type { ActionContext, AutomationEvent, RunLog, Subject } from '../types';
import { executeAction } from './execute-action';

/** Idempotency key of one action: (event, automation, record, action index). */
function effectKey(
  eventId: string,
  automationKey: string,
  recordId: string | null,
  index: number,
): string {
  return `${eventId}|${automationKey}|${recordId ?? '-'}|${index}`;
}

/** Saves a run now, or with its event's completion when the worker collects the event's log. */
export async function saveRun(scope: Scope, run: RunLog): Promise<void> {
  if (!scope.log) return scope.db.runs.save(run);
  const runs = scope.log.runs;
  const at = runs.findIndex((r) => r.id === run.id);
  if (at >= 0) runs[at] = { ...run };
  else runs.push({ ...run });
}

/**
 * Runs one automation for one subject of a fired trigger and returns its run-log entry:
 * depth bound -> condition (with the failing parts) -> actions in order (a failure skips the
 * rest). The worker calls it inside the event's transaction, so a run and its effects commit
 * together; a run found from an earlier attempt is returned as it is (finished) or completed
 * without re-deciding its condition (left 'matched' by a caller without that transaction).
 */
export async function runAutomation(
  scope: Scope,
  automation: AutomationSpec,
  event: AutomationEvent,
  subject: Subject,
  records: RecordsPort,
  opts: {
    dryRun: boolean;
    /** The action context to use (the worker reuses one per transaction and depth). */
    actionContext?: ActionContext;
    onAction?: (committed: boolean) => void;
  },
): Promise<RunLog> {
  const { rt, db } = scope;
  const t0 = performance.now();
  // Only an event claimed before (a crash, a lost lease) can have runs already.
  const existing =
    opts.dryRun || event.attempts <= 1
      ? null
      : ((await db.runs.find(event.id, automation.key, subject.recordId)) as RunLog | null);
  const run: RunLog = existing ?? {
    id: rt.deps.ids.next(),
    eventId: event.id,
    automationKey: automation.key,
    triggerType: automation.on.type,
    entity: subject.entity,
    recordId: subject.recordId,
    matched: false,
    conditionTrace: null,
    actions: [],
    status: 'matched',
    error: null,
    depth: event.depth,
    startedAt: rt.now(),
    durationMs: 0,
    dryRun: opts.dryRun,
  };
  const finish = async (): Promise<RunLog> => {
    run.durationMs = Math.round((performance.now() - t0) * 1000) / 1000;
    await saveRun(scope, run);
    return run;
  };
  // A finished run is never redone; an unfinished one (crash mid-run) keeps its decision: its
  // condition is not re-evaluated against a record its own first actions already changed.
  if (existing && existing.status !== 'matched') return existing;
  const resumed = existing !== null;
  if (event.depth >= rt.options.maxDepth) {
    run.status = 'stopped';
    run.error = am(rt.locale, 'depthExceeded', { depth: event.depth, max: rt.options.maxDepth });
    return finish();
  }
  if (!resumed) {
    const cond = explainCondition(
      automation.if,
      subject.record ?? {},
      subject.previous,
      rt.evaluate,
    );
    run.matched = cond.matched;
    run.conditionTrace = cond;
    if (!cond.matched) {
      run.status = cond.error ? 'failed' : 'skipped';
      if (cond.error) run.error = cond.error;
      return finish();
    }
    // Saved as 'matched' before the actions only when no transaction wraps the run: inside the
    // worker's transaction the run commits together with its effects, so the first write would
    // only be overwritten by `finish` (one run-log write instead of two per matched run).
    if (!scope.tx) await db.runs.save(run);
  }
  const ctx = opts.actionContext ?? scope.actionContext(event.depth + 1, records);
  let current = subject;
  run.actions = [];
  let failed = false;
  for (const [index, action] of automation.do.entries()) {
    if (failed) {
      run.actions.push({ index, type: action.type, status: 'skipped', durationMs: 0 });
      continue;
    }
    const input = {
      config: action as unknown as Record<string, unknown>,
      automation,
      subject: current,
      event,
      index,
      effectKey: effectKey(event.id, automation.key, subject.recordId, index),
      runId: run.id,
    };
    const log = await executeAction(scope, actions[action.type], action.type, input, ctx);
    // The action's savepoint is settled now: committed unless it failed or was only replayed.
    opts.onAction?.(log.status === 'succeeded' && log.replayed !== true);
    run.actions.push(log);
    if (log.status === 'failed') failed = true;
    // Later actions see earlier effects (assign, then a task for the new owner); after the
    // last one nobody looks (a read, a round trip on PostgreSQL, saved).
    if (current.entity && current.recordId && index < automation.do.length - 1)
      current = {
        ...current,
        record: (await records.get(current.entity, current.recordId)) ?? current.record,
      };
  }
  run.status = failed ? 'failed' : 'succeeded';
  const firstError = run.actions.find((a) => a.status === 'failed')?.result;
  run.error = firstError && !firstError.ok ? firstError.message : null;
  return finish();
}
