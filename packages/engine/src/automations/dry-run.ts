import type { AppSpec } from '@trellis/spec';
import type { MigrationWarning, Resolution, Resolutions, Tx } from '@trellis/store';
import type { Locale, RecordData } from '../ports';
import { configError, isObject } from './config';
import { am } from './messages';
import { triggers } from './registry';
import type { RecordsPort } from './records-port';
import type { Runtime, Scope } from './runtime';
import type { AutomationError, AutomationEvent, RunLog, Subject } from './types';
import { runAutomation } from './worker/run-automation';

/** Result of `automations.test`: the runs that would happen (nothing is written). */
export type DryRunResult = { ok: true; runs: RunLog[] } | { ok: false; error: AutomationError };

/** What to test against: a record id, a record (existing when it has a known id, else a new one), or null (schedules: the query's records). */
export type DryRunInput = string | RecordData | null;

/**
 * `previous`: the record before the change (update triggers). `spec`: a valid spec other than
 * the live one (the builder's draft) whose automation, conditions and actions are tried, and
 * whose records are read and written: the draft's migration is applied inside the rolled-back
 * transaction, so a field or entity only the draft has is stored like after a publish.
 */
export type DryRunOptions = { previous?: RecordData | null; spec?: AppSpec };

const ROLLBACK = Symbol('dry-run rollback');

/** The entity a trigger's records belong to (form and webhook triggers: their form's / source's entity). */
function triggerEntity(spec: AppSpec, on: Record<string, unknown>): string | null {
  if (typeof on.entity === 'string') return on.entity;
  if (on.type === 'form.submitted')
    return (spec.forms ?? []).find((f) => f.key === on.form)?.entity ?? null;
  if (on.type === 'webhook.received')
    return (spec.webhookSources ?? []).find((w) => w.key === on.source)?.entity ?? null;
  return null;
}

/**
 * Dry run: runs the automation for real inside a transaction that is always rolled back, so
 * the result (condition trace, chosen owner with its trace, task, recipients, queued webhook
 * body, refused stage gates...) is exactly what would happen, and nothing is written — not the
 * effects, not the assignment cursor, not the run log. The trigger is assumed to have fired.
 */
export async function dryRun(
  rt: Runtime,
  automationKey: string,
  input: DryRunInput,
  opts: DryRunOptions = {},
): Promise<DryRunResult> {
  const spec = opts.spec ?? (await rt.deps.spec());
  const automation = (spec.automations ?? []).find((a) => a.key === automationKey);
  if (!automation)
    return {
      ok: false,
      error: configError(rt.locale, '', 'automation.unknown', 'unknownAutomation', {
        key: automationKey,
      }),
    };
  const entity = triggerEntity(spec, automation.on as unknown as Record<string, unknown>);
  const event: AutomationEvent = {
    seq: 0,
    id: `dry-run:${rt.deps.ids.next()}`,
    type: triggers[automation.on.type]?.events[0] ?? automation.on.type,
    entity,
    recordId: null,
    payload: { automationKey, dryRun: true },
    actorId: null,
    via: 'system',
    depth: 0,
    createdAt: rt.now(),
    attempts: 0,
  };
  let out: DryRunResult = { ok: true, runs: [] };
  try {
    await rt.store.transaction(async (tx) => {
      if (opts.spec) {
        const migrated = await migrateTo(tx, await rt.deps.spec(), opts.spec, rt.locale);
        if (migrated) {
          out = { ok: false, error: migrated };
          throw ROLLBACK;
        }
      }
      const scope = await rt.scope(tx, tx, opts.spec);
      const records = rt.deps.records(1, tx, opts.spec);
      const subjects = await resolveSubjects(
        scope,
        automation.on as unknown as Record<string, unknown>,
        entity,
        input,
        opts.previous ?? null,
        records,
        event,
      );
      if (!Array.isArray(subjects)) {
        out = { ok: false, error: subjects };
        throw ROLLBACK;
      }
      const runs: RunLog[] = [];
      for (const s of subjects)
        runs.push(
          await runAutomation(scope, automation, { ...event, recordId: s.recordId }, s, records, {
            dryRun: true,
          }),
        );
      out = { ok: true, runs };
      throw ROLLBACK;
    });
  } catch (e) {
    if (e !== ROLLBACK) throw e;
  }
  return out;
}

/**
 * Gives the tables the draft's shape inside the dry run's transaction (rolled back with it).
 * Blocking warnings take the choice that changes the fewest stored values: existing records
 * stay as they are where that is offered. Returns why the migration was refused, if it was.
 */
async function migrateTo(
  tx: Tx,
  live: AppSpec,
  draft: AppSpec,
  locale: Locale,
): Promise<AutomationError | null> {
  const plan = await tx.migrations.plan(live, draft);
  if (plan.steps.length === 0) return null;
  const resolutions: Resolutions = {};
  for (const w of plan.warnings.filter((x) => plan.blocking.includes(x.id)))
    resolutions[w.id] = leastChange(w);
  const applied = await tx.migrations.apply(plan, resolutions, { locale });
  if (applied.ok) return null;
  const first = applied.errors[0];
  return {
    path: first?.path ?? '',
    code: 'draft.migration',
    message: first?.message ?? '',
    params: { errors: applied.errors },
  };
}

function leastChange(w: MigrationWarning): Resolution {
  if (w.resolutions.includes('keepForOld')) return { kind: 'keepForOld' };
  if (w.resolutions.includes('convert')) return { kind: 'convert' };
  if (w.resolutions.includes('mapOption')) return { kind: 'mapOption', to: null };
  return { kind: 'default', value: w.suggestedValue ?? null };
}

async function resolveSubjects(
  scope: Scope,
  on: Record<string, unknown>,
  entity: string | null,
  input: DryRunInput,
  previous: RecordData | null,
  records: RecordsPort,
  event: AutomationEvent,
): Promise<Subject[] | AutomationError> {
  const { rt } = scope;
  if (input === null) {
    const fired = await triggers[on.type as string]?.run(
      { event, config: on, automationKey: String(event.payload.automationKey) },
      scope.triggerContext(records),
    );
    return fired && fired.fires ? fired.subjects : [];
  }
  if (!entity)
    return [{ entity: null, recordId: null, record: isObject(input) ? input : null, previous }];
  if (typeof input === 'string') {
    const r = await records.get(entity, input);
    return r
      ? [{ entity, recordId: input, record: r, previous }]
      : {
          path: '',
          code: 'action.recordGone',
          message: am(rt.locale, 'recordGone', { id: input }),
        };
  }
  const stored = typeof input.id === 'string' ? await records.get(entity, input.id) : null;
  if (stored)
    return [{ entity, recordId: String(stored.id), record: { ...stored, ...input }, previous }];
  // A record that does not exist yet: create it (inside the rolled-back transaction) so actions have something to act on.
  const { id: _id, ...values } = input;
  const created = await records.create(entity, values);
  if (!created.ok)
    return {
      path: '',
      code: `write.${created.error.code}`,
      message: created.error.message,
      params: { errors: created.error.errors ?? [] },
    };
  return [{ entity, recordId: String(created.record.id), record: created.record, previous }];
}
