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
  /** The user's notifications with an id after `afterId`, in id order (event streams). */
  since(userId: string, afterId: string, limit: number): Promise<Notification[]>;
  /** The highest notification id of the user, or null. */
  lastId(userId: string): Promise<string | null>;
};
