import type { Page, PageRequest } from '../sql/keyset-page';
/** An in-app notification (`notifications`). */
export type Notification = {
  id: string;
  userId: string;
  kind: string;
  title: string;
  body: string | null;
  entity: string | null;
  recordId: string | null;
  payload: unknown;
  createdAt: number;
  readAt: number | null;
};

export type NewNotification = Omit<Notification, 'readAt'>;

/** In-app notifications (the inbox). */
export type NotificationRepo = {
  insert(n: NewNotification): Promise<void>;
  /** A user's notifications, newest first (`limit` default 100). */
  list(userId: string, q?: { unreadOnly?: boolean; limit?: number }): Promise<Notification[]>;
  /** One page of a user's notifications, newest first; null for a cursor of another list. */
  page(
    userId: string,
    q: { unreadOnly?: boolean },
    page: PageRequest,
  ): Promise<Page<Notification> | null>;
  unreadCount(userId: string): Promise<number>;
  /** Marks one of the user's notifications read; false when it is not theirs or missing. */
  markRead(id: string, userId: string, now: number): Promise<boolean>;
  /** Marks all of the user's unread notifications read; returns how many. */
  markAllRead(userId: string, now: number): Promise<number>;
} & NotificationStream;

/** A notification as event streams read it, with the opaque cursor that resumes after it. */
type StreamedNotification = Notification & { cursor: string };

/**
 * What event streams read, in commit order. Ids are made before their transaction commits (and
 * by several threads or processes), so `id > cursor` could move a stream past a notification
 * that commits later; each adapter orders by what its database assigns in commit order instead
 * (SQLite: the row number, taken under the single write lock; PostgreSQL: the committing
 * transaction, as the outbox does).
 */
export type NotificationStream = {
  /**
   * The user's committed notifications after the cursor `after` (null: from the start) in
   * commit order, at most `limit`: one that commits later never sorts before a cursor handed out.
   */
  since(userId: string, after: string | null, limit: number): Promise<StreamedNotification[]>;
  /** The cursor of the present: `since(head())` returns only notifications committed from now on. */
  head(): Promise<string>;
};
