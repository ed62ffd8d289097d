import { useQuery } from '@tanstack/react-query';
import { fetchRecord, fetchTimeline } from '../../../lib/records/api';
import { recordKeys } from '../../../lib/records/keys';

/** One record (refreshed live by the event stream). */
export function useRecord(entity: string, id: string) {
  return useQuery({
    queryKey: recordKeys.detail(entity, id),
    queryFn: () => fetchRecord(entity, id),
    retry: (n, err) => n < 2 && !(err as { status?: number }).status,
  });
}

/** A record's timeline, newest first. */
export function useTimeline(entity: string, id: string) {
  return useQuery({
    queryKey: recordKeys.timeline(entity, id),
    queryFn: () => fetchTimeline(entity, id),
  });
}
