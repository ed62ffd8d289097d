import type { NotificationRepo, NotificationStream } from '../api/notifications';
import { COLS, INSERT, insertParams, notificationRepo, toNotification } from '../sql/notifications';
import type { SqlExec } from '../sql/exec';
import { COMMIT_CHANNEL } from './commit-channel';
import { COMMIT_XID } from './outbox-order';
import { streamHorizon } from './stream-horizon';

/**
 * Notification streams on PostgreSQL read in commit order, as the outbox does (outbox-order.ts):
 * each row keeps the id of the transaction that wrote it, and a stream takes only rows of
 * transactions older than the oldest one of this database still running, ordered by (transaction, id). A
 * notification id is made before its transaction commits, so `id > cursor` could skip one.
 * Added at boot beside the checked-in migrations (PostgreSQL only; SQLite orders by row number).
 */
export const ADD_NOTIFICATION_ORDER = [
  `ALTER TABLE notifications ADD COLUMN IF NOT EXISTS ${COMMIT_XID} xid8 NOT NULL DEFAULT pg_current_xact_id()`,
  `CREATE INDEX IF NOT EXISTS notifications_commit_ix ON notifications (user_id, ${COMMIT_XID}, id)`,
];

const CURSOR = /^(\d{1,20})\.(.*)$/s;

export function pgNotificationStream(x: SqlExec): NotificationStream {
  return {
    async since(userId, after, limit) {
      const m = after === null ? null : CURSOR.exec(after);
      const [xid, id] = m ? [m[1]!, m[2]!] : ['0', ''];
      const horizon = await streamHorizon(x); // before the read: see stream-horizon.ts
      const rows = await x.all(
        `SELECT ${COMMIT_XID}::text AS xid, ${COLS} FROM notifications
         WHERE user_id = ? AND (${COMMIT_XID}, id) > (?::xid8, ?)
           AND ${COMMIT_XID} < ?::xid8
         ORDER BY ${COMMIT_XID}, id LIMIT ?`,
        [userId, xid, id, horizon, limit],
      );
      return rows.map((r) => ({
        ...toNotification(r),
        cursor: `${String(r.xid)}.${String(r.id)}`,
      }));
    },
    async head() {
      // Every transaction from the oldest running one on is still to come (an empty id sorts first).
      return `${await streamHorizon(x)}.`;
    },
  };
}

/** notifications on PostgreSQL: commit-ordered streams, and each insert wakes other processes' streams. */
export function pgNotificationRepo(x: SqlExec): NotificationRepo {
  return {
    ...notificationRepo(x, pgNotificationStream(x)),
    async insert(n) {
      // The notify is delivered at commit, to the LISTEN connection of every process
      // (commit-channel.ts); in the same statement, so it costs no round trip.
      await x.get(
        `WITH ins AS (${INSERT} RETURNING 1) SELECT pg_notify('${COMMIT_CHANNEL}', '') AS n FROM ins`,
        insertParams(n),
      );
    },
  };
}
