import { keysetPage } from './keyset-page';
import type {
  NewNotification,
  Notification,
  NotificationRepo,
  NotificationStream,
} from '../api/notifications';
import { fromJson, fromNum, fromNumOrNull, toJson, type Row, type SqlExec } from './exec';

export const COLS =
  'id, user_id, kind, title, body, entity, record_id, payload, created_at, read_at';

export function toNotification(r: Row): Notification {
  return {
    id: String(r.id),
    userId: String(r.user_id),
    kind: String(r.kind),
    title: String(r.title),
    body: (r.body as string | null) ?? null,
    entity: (r.entity as string | null) ?? null,
    recordId: (r.record_id as string | null) ?? null,
    payload: fromJson<unknown>(r.payload, null),
    createdAt: fromNum(r.created_at),
    readAt: fromNumOrNull(r.read_at),
  };
}

export const INSERT =
  'INSERT INTO notifications (id, user_id, kind, title, body, entity, record_id, payload, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)';

export function insertParams(n: NewNotification): unknown[] {
  return [
    n.id,
    n.userId,
    n.kind,
    n.title,
    n.body,
    n.entity,
    n.recordId,
    toJson(n.payload),
    n.createdAt,
  ];
}

/** notifications over portable SQL; the stream reads are the adapter's (commit order). */
export function notificationRepo(x: SqlExec, stream: NotificationStream): NotificationRepo {
  return {
    ...stream,
    async insert(n) {
      await x.run(INSERT, insertParams(n));
    },
    page(userId, q, page) {
      return keysetPage(x, {
        select: COLS,
        from: 'notifications',
        where: ['user_id = ?', ...(q.unreadOnly ? ['read_at IS NULL'] : [])],
        params: [userId],
        keys: [
          { column: 'created_at', dir: 'desc', notNull: true },
          { column: 'id', dir: 'desc', notNull: true },
        ],
        page,
        signature: 'notifications',
        map: toNotification,
      });
    },
    async list(userId, q = {}) {
      const rows = await x.all(
        `SELECT ${COLS} FROM notifications WHERE user_id = ?${q.unreadOnly ? ' AND read_at IS NULL' : ''} ORDER BY created_at DESC, id DESC LIMIT ?`,
        [userId, Math.min(1000, Math.max(1, q.limit ?? 100))],
      );
      return rows.map(toNotification);
    },
    async unreadCount(userId) {
      const r = await x.get(
        'SELECT count(*) AS n FROM notifications WHERE user_id = ? AND read_at IS NULL',
        [userId],
      );
      return fromNum(r?.n ?? 0);
    },
    async markRead(id, userId, now) {
      const r = await x.run(
        'UPDATE notifications SET read_at = coalesce(read_at, ?) WHERE id = ? AND user_id = ?',
        [now, id, userId],
      );
      return r.changes > 0;
    },
    async markAllRead(userId, now) {
      const r = await x.run(
        'UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL',
        [now, userId],
      );
      return r.changes;
    },
  };
}
