import { useQuery, type QueryClient } from '@tanstack/react-query';
import { fetchRecord, fetchTimeline } from '../../../lib/records/api';
import { recordKeys } from '../../../lib/records/keys';

const recordQuery = (entity: string, id: string) => ({
  queryKey: recordKeys.detail(entity, id),
  queryFn: () => fetchRecord(entity, id),
  retry: (n: number, err: unknown) => n < 2 && !(err as { status?: number }).status,
});

const timelineQuery = (entity: string, id: string) => ({
  queryKey: recordKeys.timeline(entity, id),
  queryFn: () => fetchTimeline(entity, id),
});

/** One record (refreshed live by the event stream). */
export function useRecord(entity: string, id: string) {
  return useQuery(recordQuery(entity, id));
}

/** A record's timeline, newest first. */
export function useTimeline(entity: string, id: string) {
  return useQuery(timelineQuery(entity, id));
}

/**
 * Asks for a record page's two answers (the record, its timeline) when the navigation starts,
 * from the route's loader: they are on their way while the page's code and layout render.
 */
export function prefetchRecordPage(client: QueryClient, entity: string, id: string): null {
  void client.prefetchQuery(recordQuery(entity, id));
  void client.prefetchQuery(timelineQuery(entity, id));
  return null;
}
