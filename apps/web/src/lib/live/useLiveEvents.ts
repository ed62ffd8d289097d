import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { recordKeys, workKeys } from '../records/keys';

/**
 * One server-sent event stream for the signed-in app: another user's change to a record
 * refreshes what shows it (the record page, lists, boards), a new notification the inbox and
 * its badge. EventSource reconnects by itself (resuming after the last event id).
 */
export function useLiveEvents(): void {
  const client = useQueryClient();
  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    const source = new EventSource('/api/v1/events');
    const onRecord = (e: MessageEvent<string>) => {
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
    const onNotification = () => void client.invalidateQueries({ queryKey: workKeys.all });
    source.addEventListener('record', onRecord);
    source.addEventListener('notification', onNotification);
    return () => source.close();
  }, [client]);
}
