import { useQuery } from '@tanstack/react-query';
import { request } from '../api/client';
import { fetchTasks } from '../records/api';
import { workKeys } from '../records/keys';

/** A notification as the server answers it (title and body already in the reader's language). */
export type Notification = {
  id: string;
  kind: string;
  title: string;
  body: string | null;
  entity: string | null;
  recordId: string | null;
  createdAt: number;
  readAt: number | null;
};

function fetchNotifications(): Promise<{ items: Notification[]; unread: number }> {
  return request('GET', '/api/v1/notifications');
}

export function markRead(id: string | 'all'): Promise<void> {
  return request(
    'POST',
    id === 'all'
      ? '/api/v1/notifications/read-all'
      : `/api/v1/notifications/${encodeURIComponent(id)}/read`,
  );
}

/** My notifications and the unread count (refreshed live by the event stream). */
export function useNotifications() {
  return useQuery({ queryKey: workKeys.notifications(), queryFn: fetchNotifications });
}

/** My open tasks, overdue first. */
export function useMyTasks() {
  return useQuery({
    queryKey: workKeys.tasks({ status: 'open' }),
    queryFn: async () =>
      (await fetchTasks({ status: 'open' })).sort(
        (a, b) => (a.dueAt ?? Infinity) - (b.dueAt ?? Infinity),
      ),
  });
}

/** A handover waiting for me to accept, as the menu's badge and the workbench tile show it. */
export type PendingHandover = {
  id: string;
  entity: string;
  recordId: string;
  fromUserId: string | null;
  summary: { title?: string } | null;
};

/** Handovers waiting for me (refreshed live: a handover to me comes with a notification). */
export function usePendingHandovers() {
  return useQuery({
    queryKey: workKeys.handovers(),
    queryFn: async () =>
      (await request<{ items: PendingHandover[] }>('GET', '/api/v1/handovers')).items,
  });
}
