import { parseJson, stmt, type Db } from '../db';
import type { AutomationEvent } from '../types';

type Row = {
  seq: number;
  id: string;
  type: string;
  entity: string | null;
  record_id: string | null;
  payload: unknown;
  actor_id: string | null;
  via: string | null;
  depth: number;
  created_at: number;
  attempts: number;
};

function toEvent(r: Row, attempts = r.attempts): AutomationEvent {
  const event = {
    seq: r.seq,
    id: r.id,
    type: r.type,
    entity: r.entity,
    recordId: r.record_id,
    actorId: r.actor_id,
    via: r.via,
    depth: r.depth ?? 0,
    createdAt: r.created_at,
    attempts,
  } as AutomationEvent;
  // Parsed on first use: most events of a busy outbox have no automation listening.
  let payload: Record<string, unknown> | undefined;
  Object.defineProperty(event, 'payload', {
    enumerable: true,
    get: () => (payload ??= parseJson<Record<string, unknown>>(r.payload, {})),
  });
  return event;
}

/** An event automations write themselves (schedule, manual, sla.breached). */
export type NewEvent = {
  id: string;
  type: string;
  entity: string | null;
  recordId: string | null;
  payload: unknown;
  actorId: string | null;
  via: string;
  depth: number;
  createdAt: number;
};

/**
 * Pending events are found through `outbox_pending_ix`, named with INDEXED BY: `PRAGMA optimize`
 * analyses the table on open, and statistics taken during a burst (most rows unprocessed) made
 * the planner scan the whole outbox in seq order instead, past every processed event. The
 * automation thread then handled ~36 events a second once 50,000 had been processed.
 */
const PENDING = 'outbox INDEXED BY outbox_pending_ix';
const FREE = `processed_at IS NULL AND (claimed_until IS NULL OR claimed_until <= @now OR claimed_by = @worker)`;

/** The reads that find pending events (exported for the query-plan test). */
export const pendingEventSql = {
  claimable: `SELECT 1 FROM ${PENDING} WHERE ${FREE} LIMIT 1`,
  take: `SELECT seq, id, type, entity, record_id, payload, actor_id, via, depth, created_at, attempts FROM ${PENDING} WHERE ${FREE} ORDER BY seq LIMIT @limit`,
  pending: `SELECT COUNT(*) AS n FROM ${PENDING} WHERE processed_at IS NULL`,
};

/** Outbox SQL used by the worker: claim with a lease, complete, retry later, append. */
export function createOutboxSql(db: Db) {
  const claimStmt = stmt(
    db,
    `UPDATE outbox SET claimed_by = @worker, claimed_until = @until, attempts = attempts + 1
     WHERE seq IN (SELECT seq FROM ${PENDING} WHERE ${FREE} ORDER BY seq LIMIT @limit)
     RETURNING seq, id, type, entity, record_id, payload, actor_id, via, depth, created_at, attempts`,
  );
  const claimableStmt = stmt(db, pendingEventSql.claimable);
  const takeStmt = stmt(db, pendingEventSql.take);
  const finishStmt = stmt(
    db,
    `UPDATE outbox SET processed_at = ?, attempts = attempts + 1, claimed_by = NULL, claimed_until = NULL, last_error = NULL WHERE seq = ? AND processed_at IS NULL`,
  );
  return {
    /** Whether `claim` would find an event (a read: no write lock taken). */
    claimable(worker: string, now: number): boolean {
      return claimableStmt.get({ now, worker }) !== undefined;
    },
    /**
     * The next `limit` events `claim` would take, read without writing a lease: for a caller
     * that processes them inside the write transaction it read them in (the drain), so no
     * other worker can see them before they are finished or put back. Their `attempts` counts
     * this attempt; `finish` or `putBack` records it.
     */
    take(worker: string, now: number, limit: number): AutomationEvent[] {
      return (takeStmt.all({ worker, now, limit }) as Row[]).map((r) => toEvent(r, r.attempts + 1));
    },
    /** Marks a taken event done, counting the attempt. */
    finish(seq: number, now: number): void {
      finishStmt.run(now, seq);
    },
    /** Puts a taken event back after an unexpected error: retried at `retryAt`, or given up (processed with last_error) when `dead`. */
    putBack(seq: number, error: string, retryAt: number, dead: boolean, now: number): void {
      stmt(
        db,
        `UPDATE outbox SET attempts = attempts + 1, processed_at = ?, claimed_by = NULL, claimed_until = ?, last_error = ? WHERE seq = ? AND processed_at IS NULL`,
      ).run(dead ? now : null, dead ? null : retryAt, error, seq);
    },
    /**
     * Claims up to `limit` unprocessed events whose lease is free or expired — or held by this
     * same worker id (a restarted worker resumes its own claims without waiting for the lease).
     * The UPDATE is one statement, so two workers never claim the same event at once.
     */
    claim(worker: string, now: number, leaseMs: number, limit: number): AutomationEvent[] {
      const rows = claimStmt.all({ worker, until: now + leaseMs, now, limit }) as Row[];
      return rows.map(toEvent).sort((a, b) => a.seq - b.seq);
    },
    /** Marks an event done (only if this worker still holds it). */
    complete(seq: number, worker: string, now: number): boolean {
      return (
        stmt(
          db,
          `UPDATE outbox SET processed_at = ?, claimed_by = NULL, claimed_until = NULL, last_error = NULL WHERE seq = ? AND claimed_by = ?`,
        ).run(now, seq, worker).changes === 1
      );
    },
    /** Releases an event after an unexpected error: retried at `retryAt`, or given up (processed with last_error) when `dead`. */
    release(
      seq: number,
      worker: string,
      error: string,
      retryAt: number,
      dead: boolean,
      now: number,
    ): void {
      if (dead)
        stmt(
          db,
          `UPDATE outbox SET processed_at = ?, claimed_by = NULL, claimed_until = NULL, last_error = ? WHERE seq = ? AND claimed_by = ?`,
        ).run(now, error, seq, worker);
      else
        stmt(
          db,
          `UPDATE outbox SET claimed_by = NULL, claimed_until = ?, last_error = ? WHERE seq = ? AND claimed_by = ?`,
        ).run(retryAt, error, seq, worker);
    },
    /** Appends an event unless one with the same id exists (ids of generated events are deterministic). Returns true if written. */
    append(e: NewEvent): boolean {
      return (
        stmt(
          db,
          `INSERT OR IGNORE INTO outbox (id, type, entity, record_id, payload, actor_id, via, depth, created_at, attempts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0)`,
        ).run(
          e.id,
          e.type,
          e.entity,
          e.recordId,
          JSON.stringify(e.payload ?? {}),
          e.actorId,
          e.via,
          e.depth,
          e.createdAt,
        ).changes === 1
      );
    },
    /** Highest sequence number so far (events appended after it in a transaction are that transaction's). */
    lastSeq(): number {
      return (stmt(db, `SELECT COALESCE(MAX(seq), 0) AS m FROM outbox`).get() as { m: number }).m;
    },
    /** Gives events appended after `afterSeq` the depth of the automation step that caused them. */
    setDepthAfter(afterSeq: number, depth: number): void {
      stmt(db, `UPDATE outbox SET depth = ? WHERE seq > ? AND depth < ?`).run(
        depth,
        afterSeq,
        depth,
      );
    },
    /** Number of events not yet processed. */
    pending(): number {
      return (
        stmt(db, pendingEventSql.pending).get() as {
          n: number;
        }
      ).n;
    },
  };
}

export type OutboxSql = ReturnType<typeof createOutboxSql>;
