import { keysetPage, type Page } from '@trellis/store';
import { parseJson, stmt, type Db } from '../db';
import type { RunLog } from '../types';

type Row = {
  [column: string]: unknown;
  id: string;
  event_id: string | null;
  automation_key: string;
  trigger_type: string;
  entity: string | null;
  record_id: string | null;
  matched: number;
  condition_trace: unknown;
  actions: unknown;
  status: RunLog['status'];
  error: string | null;
  depth: number;
  started_at: number;
  duration_ms: number | null;
  dry_run: number;
};

function toRun(r: Row): RunLog {
  return {
    id: r.id,
    eventId: r.event_id,
    automationKey: r.automation_key,
    triggerType: r.trigger_type,
    entity: r.entity,
    recordId: r.record_id,
    matched: r.matched === 1,
    conditionTrace: parseJson(r.condition_trace, null),
    actions: parseJson(r.actions, []),
    status: r.status,
    error: r.error,
    depth: r.depth,
    startedAt: r.started_at,
    durationMs: r.duration_ms ?? 0,
    dryRun: r.dry_run === 1,
  };
}

/** Filter of `automations.runs(query)`; every part optional, newest first. */
export type RunQuery = {
  automationKey?: string;
  entity?: string;
  recordId?: string;
  eventId?: string;
  status?: RunLog['status'];
  limit?: number;
  before?: number;
  /** `nextCursor` of the previous page (`page` only). */
  cursor?: string | null;
};

/** automation_runs and action_effects SQL. */
export function createRunLogSql(db: Db) {
  return {
    /** Inserts or replaces a run row (a run is written when it starts and again when it ends). */
    save(run: RunLog): void {
      stmt(
        db,
        `INSERT INTO automation_runs (id, event_id, automation_key, trigger_type, entity, record_id, matched, condition_trace, actions, status, error, depth, started_at, duration_ms, dry_run)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET matched = excluded.matched, condition_trace = excluded.condition_trace, actions = excluded.actions,
           status = excluded.status, error = excluded.error, duration_ms = excluded.duration_ms`,
      ).run(
        run.id,
        run.eventId,
        run.automationKey,
        run.triggerType,
        run.entity,
        run.recordId,
        run.matched ? 1 : 0,
        run.conditionTrace ? JSON.stringify(run.conditionTrace) : null,
        JSON.stringify(run.actions),
        run.status,
        run.error,
        run.depth,
        run.startedAt,
        run.durationMs,
        run.dryRun ? 1 : 0,
      );
    },
    /** The run of (event, automation, record) if one was started before (a crash left it unfinished). */
    findRun(eventId: string, automationKey: string, recordId: string | null): RunLog | null {
      const r = stmt(
        db,
        `SELECT * FROM automation_runs WHERE event_id = ? AND automation_key = ? AND record_id IS ? AND dry_run = 0 LIMIT 1`,
      ).get(eventId, automationKey, recordId) as Row | undefined;
      return r ? toRun(r) : null;
    },
    query(q: RunQuery): RunLog[] {
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
      const sql = `SELECT * FROM automation_runs ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY started_at DESC, rowid DESC LIMIT ?`;
      return (
        stmt(db, sql).all(...params, Math.min(Math.max(q.limit ?? 100, 1), 1000)) as Row[]
      ).map(toRun);
    },
    /**
     * One page of the run log, newest first, skipping runs `keep` refuses (the page is filled
     * from older runs); null for a cursor of another list.
     */
    page(q: RunQuery, keep?: (run: RunLog) => boolean): Page<RunLog> | null {
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
      const runs = new WeakMap<Row, RunLog>();
      const runOf = (r: Row) => {
        let run = runs.get(r);
        if (!run) runs.set(r, (run = toRun(r)));
        return run;
      };
      const page = keysetPage<Row>(db, {
        from: 'automation_runs',
        where,
        params,
        keys: [
          { column: 'started_at', dir: 'desc', notNull: true },
          { column: 'id', dir: 'desc', notNull: true },
        ],
        limit: Math.min(Math.max(q.limit ?? 50, 1), 1000),
        cursor: q.cursor ?? null,
        signature: 'runs',
        ...(keep ? { keep: (r: Row) => keep(runOf(r)) } : {}),
      });
      return page && { items: page.items.map(runOf), nextCursor: page.nextCursor };
    },
    getEffect(key: string): { result: unknown } | null {
      const r = stmt(db, `SELECT result FROM action_effects WHERE idempotency_key = ?`).get(key) as
        { result: unknown } | undefined;
      return r ? { result: parseJson(r.result, null) } : null;
    },
    putEffect(
      key: string,
      runId: string | null,
      actionType: string,
      result: unknown,
      now: number,
    ): void {
      stmt(
        db,
        `INSERT INTO action_effects (idempotency_key, run_id, action_type, result, created_at) VALUES (?, ?, ?, ?, ?)`,
      ).run(key, runId, actionType, JSON.stringify(result), now);
    },
  };
}

export type RunLogSql = ReturnType<typeof createRunLogSql>;
