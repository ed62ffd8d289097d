import type { StrategyState } from '../assignment';
import { parseJson, stmt, type Db } from './db';

export type NewNotification = {
  id: string;
  userId: string;
  kind: string;
  title: string;
  body: string | null;
  entity: string | null;
  recordId: string | null;
  payload: unknown;
  createdAt: number;
};
export type NewHandover = {
  id: string;
  entity: string;
  recordId: string;
  fromUserId: string | null;
  toUserId: string;
  reason: string | null;
  summary: unknown;
  createdAt: number;
};
export type NewDelivery = {
  id: string;
  runKey: string;
  url: string;
  payload: unknown;
  headers: Record<string, string>;
  nextAttemptAt: number;
  createdAt: number;
};
export type NewEmail = { id: string; to: string; subject: string; body: string; createdAt: number };

/**
 * SQL over the system tables actions write (notifications, handovers, webhook and email
 * outboxes, assignment state). Plain statements, so they join the caller's transaction.
 */
export type SystemTables = ReturnType<typeof createSystemTables>;

/** Builds the system-table writers over `db`. */
export function createSystemTables(db: Db) {
  const j = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));
  return {
    insertNotification(n: NewNotification): void {
      stmt(
        db,
        `INSERT INTO notifications (id, user_id, kind, title, body, entity, record_id, payload, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        n.id,
        n.userId,
        n.kind,
        n.title,
        n.body,
        n.entity,
        n.recordId,
        j(n.payload),
        n.createdAt,
      );
    },
    insertHandover(h: NewHandover): void {
      stmt(
        db,
        `INSERT INTO handovers (id, entity, record_id, from_user_id, to_user_id, reason, summary, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', ?)`,
      ).run(
        h.id,
        h.entity,
        h.recordId,
        h.fromUserId,
        h.toUserId,
        h.reason,
        j(h.summary),
        h.createdAt,
      );
    },
    enqueueDelivery(d: NewDelivery): void {
      stmt(
        db,
        `INSERT INTO webhook_deliveries (id, run_key, url, payload, headers, attempts, next_attempt_at, status, created_at) VALUES (?, ?, ?, ?, ?, 0, ?, 'pending', ?)`,
      ).run(d.id, d.runKey, d.url, j(d.payload), j(d.headers), d.nextAttemptAt, d.createdAt);
    },
    enqueueEmail(e: NewEmail): void {
      stmt(
        db,
        `INSERT INTO email_outbox (id, to_address, subject, body, status, attempts, created_at) VALUES (?, ?, ?, ?, 'pending', 0, ?)`,
      ).run(e.id, e.to, e.subject, e.body, e.createdAt);
    },
    getStrategyState(key: string): StrategyState {
      const row = stmt(db, `SELECT cursor, data FROM assignment_state WHERE key = ?`).get(key) as
        { cursor: number; data: unknown } | undefined;
      return row
        ? { cursor: row.cursor, data: parseJson<Record<string, unknown>>(row.data, {}) }
        : { cursor: 0, data: {} };
    },
    putStrategyState(key: string, state: StrategyState, now: number): void {
      stmt(
        db,
        `INSERT INTO assignment_state (key, cursor, data, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT(key) DO UPDATE SET cursor = excluded.cursor, data = excluded.data, updated_at = excluded.updated_at`,
      ).run(key, state.cursor, JSON.stringify(state.data), now);
    },
  };
}
