import { useEffect, useRef } from 'react';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useLocale } from '../i18n/useLocale';
import { recordKeys, workKeys } from '../records/keys';
import type { Notification } from '../work/api';

type Notifications = { items: Notification[]; unread: number };

/**
 * One server-sent event stream for the signed-in app: another user's change to a record
 * refreshes what shows it (the record page, lists, boards), a new notification goes to the top
 * of the inbox and its badge at once. The stream renders notifications in the UI's language
 * (`?lang=`: an EventSource sends the browser's languages, not the one chosen in the app), and a
 * language switch opens it anew in the new one, after the last event the old one delivered
 * (`?after=`), so a change made while neither was open still arrives. EventSource reconnects by
 * itself (resuming after the last event id).
 */
export function useLiveEvents(): void {
  const client = useQueryClient();
  const locale = useLocale();
  // The stream's last position: the cursor it opened at, then each event's id.
  const last = useRef<string | null>(null);
  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    const after = last.current ? `&after=${encodeURIComponent(last.current)}` : '';
    const source = new EventSource(`/api/v1/events?lang=${encodeURIComponent(locale)}${after}`);
    const seen = (e: MessageEvent<string>) => {
      if (e.lastEventId) last.current = e.lastEventId;
    };
    const onReady = (e: MessageEvent<string>) => {
      try {
        const { cursor } = JSON.parse(e.data) as { cursor?: string | null };
        // A reconnect resumed at the header's id: its ready names that cursor too.
        if (typeof cursor === 'string' && cursor) last.current = cursor;
      } catch {
        // keeps the last id it had
      }
    };
    const onRecord = (e: MessageEvent<string>) => {
      seen(e);
      try {
        const event = JSON.parse(e.data) as { entity?: string; id?: string };
        if (event.entity && event.id)
          void client.invalidateQueries({ queryKey: recordKeys.detail(event.entity, event.id) });
        void client.invalidateQueries({ queryKey: recordKeys.lists() });
        void client.invalidateQueries({ queryKey: [...recordKeys.all, 'groups'] });
        void client.invalidateQueries({ queryKey: workKeys.all });
      } catch {
        // a malformed event is ignored; the next one refreshes anyway
      }
    };
    const onNotification = (e: MessageEvent<string>) => {
      seen(e);
      try {
        showAtOnce(client, JSON.parse(e.data) as Notification);
      } catch {
        // a malformed event is ignored; the refresh below reads the inbox anyway
      }
      void client.invalidateQueries({ queryKey: workKeys.all });
    };
    source.addEventListener('ready', onReady);
    source.addEventListener('record', onRecord);
    source.addEventListener('notification', onNotification);
    return () => source.close();
  }, [client, locale]);
}

/** Puts a streamed notification at the top of the inbox read so far (once), unread. */
function showAtOnce(client: QueryClient, n: Notification): void {
  if (!n || typeof n.id !== 'string' || typeof n.title !== 'string') return;
  client.setQueryData<Notifications>(workKeys.notifications(), (old) =>
    !old || old.items.some((item) => item.id === n.id)
      ? old
      : { items: [{ ...n, readAt: null }, ...old.items], unread: old.unread + 1 },
  );
}
