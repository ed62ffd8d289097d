import type { Repos } from '../api/store';
import { EMAIL_COLS, deliveryRepo, emailRepo, toDue, toEmail } from '../sql/deliveries';
import { fromNum, marks, type SqlExec } from '../sql/exec';
import {
  EVENT_COLS,
  FINISH,
  FREE,
  INSERT,
  INSERT_HEAD,
  outboxRepo,
  params,
  toEvent,
} from '../sql/outbox';
import {
  EFFECT_INSERT_HEAD,
  RUN_INSERT_HEAD,
  RUN_UPSERT,
  effectParams,
  runParams,
} from '../sql/runs';
import { insertRows } from '../sql/multi-row';
import { COMMIT_CHANNEL } from './commit-channel';
import { pgNotificationRepo } from './notification-order';
import { commitOrderedReads } from './outbox-order';

/** An outbox append that notifies in the same statement (also a new record's event: records/create.ts). */
export const APPEND_NOTIFYING = `WITH ins AS (${INSERT} RETURNING seq) SELECT seq, pg_notify('${COMMIT_CHANNEL}', '') AS n FROM ins`;

/** Runs or effects of one event written in the completing statement (more: one statement each batch). */
const MAX_ROWS = 64;

/**
 * The claims of the shared repositories with row locks: on PostgreSQL transactions run side by
 * side (and several server processes share one database), so each claim skips the rows another
 * transaction holds (`FOR UPDATE SKIP LOCKED`) instead of waiting for them or taking them twice.
 */
export function rowLockingRepos(
  x: SqlExec,
): Pick<Repos, 'outbox' | 'deliveries' | 'emails' | 'notifications'> {
  return {
    notifications: pgNotificationRepo(x),
    outbox: {
      ...outboxRepo(x),
      ...commitOrderedReads(x),
      // Each append notifies in the same statement; PostgreSQL delivers it when the transaction
      // commits, so event streams of every process wake (commit-channel.ts).
      async append(e) {
        const r = await x.get(APPEND_NOTIFYING, params(e));
        return fromNum(r?.seq);
      },
      // One notification for the whole bulk: a stream wakes once and reads them all.
      async appendMany(events) {
        if (events.length === 0) return;
        await insertRows(x, INSERT_HEAD, events.map(params));
        await x.get(`SELECT pg_notify('${COMMIT_CHANNEL}', '') AS n`);
      },
      async appendOnce(e) {
        const r = await x.get(
          `WITH ins AS (${INSERT} ON CONFLICT (id) DO NOTHING RETURNING seq) SELECT count(*) AS n, max(pg_notify('${COMMIT_CHANNEL}', '')::text) AS x FROM ins`,
          params(e),
        );
        return fromNum(r?.n) === 1;
      },
      // The event's runs and effects ride in the completing statement (data-modifying CTEs):
      // one round trip instead of one per run, per effect and for the completion.
      async finish(seq, now, log) {
        const runs = log?.runs ?? [];
        const effects = log?.effects ?? [];
        if (runs.length > MAX_ROWS || effects.length > MAX_ROWS)
          return outboxRepo(x).finish(seq, now, log);
        const parts: string[] = [];
        const values: unknown[] = [];
        const rows = (n: number, width: number) =>
          Array.from({ length: n }, () => `(${marks(width)})`).join(', ');
        if (runs.length > 0) {
          parts.push(`r AS (${RUN_INSERT_HEAD} VALUES ${rows(runs.length, 15)} ${RUN_UPSERT})`);
          values.push(...runs.flatMap(runParams));
        }
        if (effects.length > 0) {
          parts.push(`e AS (${EFFECT_INSERT_HEAD} VALUES ${rows(effects.length, 5)})`);
          values.push(...effects.flatMap(effectParams));
        }
        await x.run(`${parts.length ? `WITH ${parts.join(', ')} ` : ''}${FINISH}`, [
          ...values,
          now,
          seq,
        ]);
      },
      async take(worker, now, limit) {
        const rows = await x.all(
          `SELECT ${EVENT_COLS} FROM outbox WHERE ${FREE} ORDER BY seq LIMIT ? FOR UPDATE SKIP LOCKED`,
          [now, worker, limit],
        );
        return rows.map((r) => toEvent(r, fromNum(r.attempts) + 1));
      },
      async claim(worker, now, leaseMs, limit) {
        const rows = await x.all(
          `UPDATE outbox SET claimed_by = ?, claimed_until = ?, attempts = attempts + 1
           WHERE seq IN (SELECT seq FROM outbox WHERE ${FREE} ORDER BY seq LIMIT ? FOR UPDATE SKIP LOCKED)
           RETURNING ${EVENT_COLS}`,
          [worker, now + leaseMs, now, worker, limit],
        );
        return rows.map((r) => toEvent(r, fromNum(r.attempts))).sort((a, b) => a.seq - b.seq);
      },
    },
    deliveries: {
      ...deliveryRepo(x),
      async claimDue(now, claimUntil, limit) {
        const rows = await x.all(
          `UPDATE webhook_deliveries SET next_attempt_at = ? WHERE id IN
             (SELECT id FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= ?
              ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED)
           RETURNING id, url, payload, headers, attempts`,
          [claimUntil, now, limit],
        );
        return rows.map(toDue);
      },
    },
    emails: {
      ...emailRepo(x),
      async claim(limit) {
        const rows = await x.all(
          `UPDATE email_outbox SET status = 'sending' WHERE id IN
             (SELECT id FROM email_outbox WHERE status = 'pending' ORDER BY created_at LIMIT ? FOR UPDATE SKIP LOCKED)
           RETURNING ${EMAIL_COLS}`,
          [limit],
        );
        return rows.map(toEmail).sort((a, b) => a.createdAt - b.createdAt);
      },
    },
  };
}
