import type { AppSpec, AutomationSpec } from '@trellis/spec';
import { triggers } from '../registry';
import type { Scope } from '../runtime';
import type { AutomationEvent, RunLog } from '../types';
import { notifySlaBreach } from '../../scheduler/sla-notify';
import { cachedRecords, createRecordCache, type RecordCache } from './record-cache';
import { runAutomation, saveRun } from './run-automation';

const index = new WeakMap<AppSpec, Map<string, AutomationSpec[]>>();

/** Enabled automations whose trigger listens to `eventType` (indexed once per spec object). */
export function automationsFor(spec: AppSpec, eventType: string): AutomationSpec[] {
  let byType = index.get(spec);
  if (!byType) {
    byType = new Map();
    for (const a of spec.automations ?? []) {
      if (a.enabled === false) continue;
      for (const t of triggers[a.on.type]?.events ?? []) {
        const list = byType.get(t) ?? [];
        list.push(a);
        byType.set(t, list);
      }
    }
    index.set(spec, byType);
  }
  return byType.get(eventType) ?? [];
}

/**
 * Handles one outbox event: every automation whose trigger fires runs for each subject;
 * sla.breached also notifies the stage's SLA recipients. Throws only on transient database
 * errors (the worker then retries the event; finished effects are not repeated).
 */
export async function processEvent(
  scope: Scope,
  event: AutomationEvent,
  cache: RecordCache = createRecordCache(),
): Promise<RunLog[]> {
  const { rt, spec } = scope;
  // Triggers of many automations read the same record: read it once, and again only after an
  // automation's action may have changed it in ways its write result does not show.
  const depth = event.depth + 1;
  const records = cache.memo(`records:${depth}`, () =>
    cachedRecords(rt.deps.records(depth, scope.tx), cache),
  );
  const out: RunLog[] = [];
  if (event.type === 'sla.breached') await notifySlaBreach(scope, event, records);
  // A write that asked for no automations (an import with automations off).
  if ((event.payload as { automations?: unknown } | null)?.automations === false) return out;
  const automations = automationsFor(spec, event.type);
  if (automations.length === 0) return out;
  const triggerCtx = cache.memo(`trigger:${depth}`, () => scope.triggerContext(records));
  const actionCtx = cache.memo(`action:${depth}`, () => scope.actionContext(depth, records));
  for (const automation of automations) {
    const trigger = triggers[automation.on.type];
    if (!trigger) continue;
    const fired = await trigger.run(
      {
        event,
        config: automation.on as unknown as Record<string, unknown>,
        automationKey: automation.key,
      },
      triggerCtx,
    );
    if (!fired.fires) continue;
    if (fired.error) out.push(await failedTrigger(scope, automation, event, fired.error));
    for (const subject of fired.subjects) {
      const run = await runAutomation(scope, automation, event, subject, records, {
        dryRun: false,
        actionContext: actionCtx,
        // A method, not an arrow: under tsx's keepNames a named arrow costs an
        // Object.defineProperty of its name for every run.
        onAction(committed) {
          cache.settle(committed);
        },
      });
      out.push(run);
    }
  }
  return out;
}

/** A run that failed before any record was found (the builder sees why nothing happened). */
async function failedTrigger(
  scope: Scope,
  automation: AutomationSpec,
  event: AutomationEvent,
  error: string,
): Promise<RunLog> {
  const { rt } = scope;
  const run: RunLog = {
    id: rt.deps.ids.next(),
    eventId: event.id,
    automationKey: automation.key,
    triggerType: automation.on.type,
    entity: event.entity,
    recordId: null,
    matched: false,
    conditionTrace: null,
    actions: [],
    status: 'failed',
    error,
    depth: event.depth,
    startedAt: rt.now(),
    durationMs: 0,
    dryRun: false,
  };
  await saveRun(scope, run);
  return run;
}
