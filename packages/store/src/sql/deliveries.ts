import type { DeliveryRepo, DeliveryRow, DueDelivery } from '../api/deliveries';
import type { EmailRepo, EmailRow } from '../api/emails';
import { fromJson, fromNum, fromNumOrNull, toJson, type Row, type SqlExec } from './exec';

export function toDue(r: Row): DueDelivery {
  return {
    id: String(r.id),
    url: String(r.url),
    payload: fromJson<unknown>(r.payload, null),
    headers: fromJson<Record<string, string>>(r.headers, {}),
    attempts: fromNum(r.attempts),
  };
}

function toDelivery(r: Row): DeliveryRow {
  return {
    ...toDue(r),
    runKey: (r.run_key as string | null) ?? null,
    status: r.status as DeliveryRow['status'],
    nextAttemptAt: fromNumOrNull(r.next_attempt_at),
    lastError: (r.last_error as string | null) ?? null,
    createdAt: fromNum(r.created_at),
    deliveredAt: fromNumOrNull(r.delivered_at),
  };
}

const DELIVERY_COLS =
  'id, run_key, url, payload, headers, attempts, next_attempt_at, status, last_error, created_at, delivered_at';

/**
 * webhook_deliveries over portable SQL. `claimDue` claims with one UPDATE; an adapter whose
 * transactions run side by side overrides it with row locks.
 */
export function deliveryRepo(x: SqlExec): DeliveryRepo {
  return {
    async enqueue(d) {
      await x.run(
        "INSERT INTO webhook_deliveries (id, run_key, url, payload, headers, attempts, next_attempt_at, status, created_at) VALUES (?, ?, ?, ?, ?, 0, ?, 'pending', ?)",
        [d.id, d.runKey, d.url, toJson(d.payload), toJson(d.headers), d.nextAttemptAt, d.createdAt],
      );
    },
    async anyDue(now) {
      const r = await x.get(
        "SELECT 1 AS one FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= ? LIMIT 1",
        [now],
      );
      return r !== undefined;
    },
    async claimDue(now, claimUntil, limit) {
      const rows = await x.all(
        `UPDATE webhook_deliveries SET next_attempt_at = ? WHERE id IN
           (SELECT id FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at LIMIT ?)
         RETURNING id, url, payload, headers, attempts`,
        [claimUntil, now, limit],
      );
      return rows.map(toDue);
    },
    async delivered(id, attempts, at) {
      await x.run(
        "UPDATE webhook_deliveries SET status = 'delivered', attempts = ?, delivered_at = ?, last_error = NULL WHERE id = ?",
        [attempts, at, id],
      );
    },
    async dead(id, attempts, error) {
      await x.run(
        "UPDATE webhook_deliveries SET status = 'dead', attempts = ?, last_error = ? WHERE id = ?",
        [attempts, error, id],
      );
    },
    async retry(id, attempts, error, nextAttemptAt) {
      await x.run(
        'UPDATE webhook_deliveries SET attempts = ?, last_error = ?, next_attempt_at = ? WHERE id = ?',
        [attempts, error, nextAttemptAt, id],
      );
    },
    async get(id) {
      const r = await x.get(`SELECT ${DELIVERY_COLS} FROM webhook_deliveries WHERE id = ?`, [id]);
      return r ? toDelivery(r) : null;
    },
    async list(q = {}) {
      const limit = Math.min(1000, Math.max(1, q.limit ?? 100));
      const rows = q.status
        ? await x.all(
            `SELECT ${DELIVERY_COLS} FROM webhook_deliveries WHERE status = ? ORDER BY created_at DESC, id DESC LIMIT ?`,
            [q.status, limit],
          )
        : await x.all(
            `SELECT ${DELIVERY_COLS} FROM webhook_deliveries ORDER BY created_at DESC, id DESC LIMIT ?`,
            [limit],
          );
      return rows.map(toDelivery);
    },
    async health(limit) {
      const counts = await x.all(
        'SELECT status, count(*) AS n FROM webhook_deliveries GROUP BY status',
      );
      const n = (s: string) => fromNum(counts.find((c) => c.status === s)?.n ?? 0);
      const failures = await x.all(
        `SELECT ${DELIVERY_COLS} FROM webhook_deliveries WHERE last_error IS NOT NULL ORDER BY created_at DESC, id DESC LIMIT ?`,
        [Math.min(1000, Math.max(1, limit))],
      );
      return {
        pending: n('pending'),
        delivered: n('delivered'),
        dead: n('dead'),
        failures: failures.map(toDelivery),
      };
    },
  };
}

export const EMAIL_COLS =
  'id, to_address, subject, body, status, attempts, last_error, created_at, sent_at';

export function toEmail(r: Row): EmailRow {
  return {
    id: String(r.id),
    to: String(r.to_address),
    subject: String(r.subject),
    body: String(r.body),
    status: r.status as EmailRow['status'],
    attempts: fromNum(r.attempts),
    lastError: (r.last_error as string | null) ?? null,
    createdAt: fromNum(r.created_at),
    sentAt: fromNumOrNull(r.sent_at),
  };
}

/** email_outbox over portable SQL (claims with one UPDATE, like deliveries). */
export function emailRepo(x: SqlExec): EmailRepo {
  return {
    async enqueue(e) {
      await x.run(
        "INSERT INTO email_outbox (id, to_address, subject, body, status, attempts, created_at) VALUES (?, ?, ?, ?, 'pending', 0, ?)",
        [e.id, e.to, e.subject, e.body, e.createdAt],
      );
    },
    async anyPending() {
      return (
        (await x.get("SELECT 1 AS one FROM email_outbox WHERE status = 'pending' LIMIT 1")) !==
        undefined
      );
    },
    async claim(limit) {
      const rows = await x.all(
        `UPDATE email_outbox SET status = 'sending' WHERE id IN
           (SELECT id FROM email_outbox WHERE status = 'pending' ORDER BY created_at LIMIT ?)
         RETURNING ${EMAIL_COLS}`,
        [limit],
      );
      return rows.map(toEmail).sort((a, b) => a.createdAt - b.createdAt);
    },
    async sent(id, at) {
      await x.run(
        "UPDATE email_outbox SET status = 'sent', attempts = attempts + 1, sent_at = ?, last_error = NULL WHERE id = ?",
        [at, id],
      );
    },
    async failed(id, error, dead) {
      await x.run(
        'UPDATE email_outbox SET status = ?, attempts = attempts + 1, last_error = ? WHERE id = ?',
        [dead ? 'failed' : 'pending', error, id],
      );
    },
    async resetSending() {
      const r = await x.run("UPDATE email_outbox SET status = 'pending' WHERE status = 'sending'");
      return r.changes;
    },
    async list(q = {}) {
      const limit = Math.min(1000, Math.max(1, q.limit ?? 100));
      const rows = q.status
        ? await x.all(
            `SELECT ${EMAIL_COLS} FROM email_outbox WHERE status = ? ORDER BY created_at DESC, id DESC LIMIT ?`,
            [q.status, limit],
          )
        : await x.all(
            `SELECT ${EMAIL_COLS} FROM email_outbox ORDER BY created_at DESC, id DESC LIMIT ?`,
            [limit],
          );
      return rows.map(toEmail);
    },
  };
}
