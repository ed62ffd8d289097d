import type { NotificationStream } from '../api/notifications';
import { COLS, toNotification } from '../sql/notifications';
import { fromNum, type SqlExec } from '../sql/exec';

/**
 * Notification streams on SQLite read in row-number order. A row number is taken at insert,
 * while the transaction holds the database's only write lock (`BEGIN IMMEDIATE`, every thread
 * and process on the file), and a reader sees whole commits: so row numbers become visible in
 * the order they were taken, and a stream at row n has seen every row below it. Notifications
 * are never deleted, so SQLite never hands a row number out twice (it takes max(rowid) + 1).
 * The ids (UUIDv7, made by the caller before the write lock) do not have that property.
 */
export function sqliteNotificationStream(x: SqlExec): NotificationStream {
  return {
    async since(userId, after, limit) {
      // A range on the table's own b-tree, so only rows after the cursor are read (`+` keeps the
      // planner off the user index, which would read all of the user's rows and sort them).
      const rows = await x.all(
        `SELECT rowid AS n, ${COLS} FROM notifications WHERE rowid > ? AND +user_id = ? ORDER BY rowid LIMIT ?`,
        [after === null ? 0 : Number(after), userId, limit],
      );
      return rows.map((r) => ({ ...toNotification(r), cursor: String(fromNum(r.n)) }));
    },
    async head() {
      const r = await x.get('SELECT coalesce(max(rowid), 0) AS n FROM notifications');
      return String(fromNum(r?.n ?? 0));
    },
  };
}
