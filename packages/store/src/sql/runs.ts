import { keysetPage } from './keyset-page';
import type { EffectRepo, NewEffect, RunRepo, RunRow } from '../api/runs';
import { fromBool, fromJson, fromNum, marks, toJson, type Row, type SqlExec } from './exec';

const COLS =
  'id, event_id, automation_key, trigger_type, entity, record_id, matched, condition_trace, actions, status, error, depth, started_at, duration_ms, dry_run';

function toRun(r: Row): RunRow {
  return {
    id: String(r.id),
    eventId: (r.event_id as string | null) ?? null,
    automationKey: String(r.automation_key),
    triggerType: String(r.trigger_type),
    entity: (r.entity as string | null) ?? null,
    recordId: (r.record_id as string | null) ?? null,
    matched: fromBool(r.matched),
    conditionTrace: fromJson<unknown>(r.condition_trace, null),
    actions: fromJson<unknown[]>(r.actions, []),
    status: r.status as RunRow['status'],
    error: (r.error as string | null) ?? null,
    depth: fromNum(r.depth ?? 0),
    startedAt: fromNum(r.started_at),
    durationMs: fromNum(r.duration_ms ?? 0),
    dryRun: fromBool(r.dry_run),
  };
}

export const RUN_INSERT_HEAD = `INSERT INTO automation_runs (${COLS})`;
/** A run saved again (a run resumed after a crash) keeps its id and takes the new outcome. */
export const RUN_UPSERT = `ON CONFLICT (id) DO UPDATE SET matched = excluded.matched, condition_trace = excluded.condition_trace, actions = excluded.actions,
  status = excluded.status, error = excluded.error, duration_ms = excluded.duration_ms`;

/** A run's values in COLS order. */
export function runParams(run: RunRow): unknown[] {
  return [
    run.id,
    run.eventId,
    run.automationKey,
    run.triggerType,
    run.entity,
    run.recordId,
    run.matched ? 1 : 0,
    toJson(run.conditionTrace),
    JSON.stringify(run.actions),
    run.status,
    run.error,
    run.depth,
    run.startedAt,
    // Measured with performance.now(): whole milliseconds (PostgreSQL's column is bigint).
    Math.round(run.durationMs),
    run.dryRun ? 1 : 0,
  ];
}

export const EFFECT_INSERT_HEAD =
  'INSERT INTO action_effects (idempotency_key, run_id, action_type, result, created_at)';

/** An effect's values in EFFECT_INSERT_HEAD order. */
export function effectParams(e: NewEffect): unknown[] {
  return [e.key, e.runId, e.actionType, JSON.stringify(e.result), e.at];
}

/** automation_runs over portable SQL. */
export function runRepo(x: SqlExec): RunRepo {
  return {
    async save(run) {
      await x.run(`${RUN_INSERT_HEAD} VALUES (${marks(15)}) ${RUN_UPSERT}`, runParams(run));
    },
    async find(eventId, automationKey, recordId) {
      const r =
        recordId === null
          ? await x.get(
              `SELECT ${COLS} FROM automation_runs WHERE event_id = ? AND automation_key = ? AND record_id IS NULL AND dry_run = 0 LIMIT 1`,
              [eventId, automationKey],
            )
          : await x.get(
              `SELECT ${COLS} FROM automation_runs WHERE event_id = ? AND automation_key = ? AND record_id = ? AND dry_run = 0 LIMIT 1`,
              [eventId, automationKey, recordId],
            );
      return r ? toRun(r) : null;
    },
    page(q, page, keep) {
      const where: string[] = [];
      const params: unknown[] = [];
      const add = (sql: string, v: unknown) => {
        where.push(sql);
        params.push(v);
      };
      if (q.automationKey) add('automation_key = ?', q.automationKey);
      if (q.entity) add('entity = ?', q.entity);
      if (q.recordId) add('record_id = ?', q.recordId);
      if (q.eventId) add('event_id = ?', q.eventId);
      if (q.status) add('status = ?', q.status);
      if (q.before !== undefined) add('started_at < ?', q.before);
      return keysetPage(x, {
        select: COLS,
        from: 'automation_runs',
        where,
        params,
        keys: [
          { column: 'started_at', dir: 'desc', notNull: true },
          { column: 'id', dir: 'desc', notNull: true },
        ],
        page,
        signature: 'runs',
        map: toRun,
        keep,
      });
    },
    async query(q) {
      const where: string[] = [];
      const params: unknown[] = [];
      const add = (sql: string, v: unknown) => {
        where.push(sql);
        params.push(v);
      };
      if (q.automationKey) add('automation_key = ?', q.automationKey);
      if (q.entity) add('entity = ?', q.entity);
      if (q.recordId) add('record_id = ?', q.recordId);
      if (q.eventId) add('event_id = ?', q.eventId);
      if (q.status) add('status = ?', q.status);
      if (q.before !== undefined) add('started_at < ?', q.before);
      const limit = Math.min(Math.max(q.limit ?? 100, 1), 1000);
      const rows = await x.all(
        `SELECT ${COLS} FROM automation_runs ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY started_at DESC, id DESC LIMIT ?`,
        [...params, limit],
      );
      return rows.map(toRun);
    },
    async withAction(entity, recordId, actionType) {
      const rows = await x.all(
        `SELECT ${COLS} FROM automation_runs WHERE entity = ? AND record_id = ? AND dry_run = 0 AND actions LIKE ? ORDER BY started_at, id`,
        [entity, recordId, `%"${actionType.replace(/[%_"\\]/g, '')}"%`],
      );
      return rows.map(toRun);
    },
    async prune(before, limit) {
      const r = await x.run(
        'DELETE FROM automation_runs WHERE id IN (SELECT id FROM automation_runs WHERE started_at < ? ORDER BY started_at LIMIT ?)',
        [before, limit],
      );
      return r.changes;
    },
  };
}

/** action_effects over portable SQL. */
export function effectRepo(x: SqlExec): EffectRepo {
  return {
    async get(key) {
      const r = await x.get('SELECT result FROM action_effects WHERE idempotency_key = ?', [key]);
      return r ? { result: fromJson<unknown>(r.result, null) } : null;
    },
    async put(key, runId, actionType, result, now) {
      await x.run(
        `${EFFECT_INSERT_HEAD} VALUES (?, ?, ?, ?, ?)`,
        effectParams({ key, runId, actionType, result, at: now }),
      );
    },
    async prune(before, limit) {
      const r = await x.run(
        'DELETE FROM action_effects WHERE idempotency_key IN (SELECT idempotency_key FROM action_effects WHERE created_at < ? LIMIT ?)',
        [before, limit],
      );
      return r.changes;
    },
  };
}
