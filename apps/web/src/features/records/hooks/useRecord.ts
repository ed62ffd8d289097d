import {
  replaceEqualDeep,
  usePrefetchQuery,
  useQuery,
  useQueryClient,
  type QueryClient,
} from '@tanstack/react-query';
import { fetchRecord, fetchTimeline } from '../../../lib/records/api';
import { recordKeys } from '../../../lib/records/keys';
import type { RecordData, RecordPage } from '../../../lib/records/types';

const recordQuery = (client: QueryClient, entity: string, id: string) => ({
  queryKey: recordKeys.detail(entity, id),
  queryFn: () => fetchRecord(entity, id),
  retry: (n: number, err: unknown) => n < 2 && !(err as { status?: number }).status,
  structuralSharing: sharedWithListRow(client, id),
});

const timelineQuery = (entity: string, id: string) => ({
  queryKey: recordKeys.timeline(entity, id),
  queryFn: () => fetchTimeline(entity, id),
});

/**
 * The record as a list, a board or a workbench panel already holds it (the same answer as the
 * record's own: every visible field, redacted alike), if one does. Lists hold pages of rows
 * (a list, a board's column) or one page (a workbench panel).
 */
export function recordFromLists(client: QueryClient, id: string): RecordData | undefined {
  const cached = client.getQueriesData<{ pages: RecordPage[] } | RecordPage>({
    queryKey: recordKeys.lists(),
  });
  for (const [, data] of cached) {
    const pages = !data ? [] : 'pages' in data ? data.pages : [data];
    for (const page of pages) {
      const row = page?.items?.find((r) => r.id === id);
      if (row) return row;
    }
  }
  return undefined;
}

/**
 * How a record's answer is kept: its first answer keeps the row a list holds when the two are
 * equal (later ones, the previous answer's parts, as usual). A record opened from a list is
 * drawn from that row, so its answer, arriving right after the click, then changes nothing and
 * draws nothing again (it was a second render of the whole page).
 */
export function sharedWithListRow(client: QueryClient, id: string) {
  return (old: unknown, next: unknown): unknown =>
    replaceEqualDeep(old ?? recordFromLists(client, id), next);
}

/**
 * One record (refreshed live by the event stream). Opened from a list, the row the list holds
 * shows at once while the record's own answer is on its way (`isPlaceholderData` until then).
 */
export function useRecord(entity: string, id: string) {
  const client = useQueryClient();
  return useQuery({
    ...recordQuery(client, entity, id),
    placeholderData: () => recordFromLists(client, id),
  });
}

/** A record's timeline, newest first. */
export function useTimeline(entity: string, id: string) {
  return useQuery(timelineQuery(entity, id));
}

/**
 * Asks for a record page's two answers (the record, its timeline) before the page renders: as a
 * pointer rests on a link to it, or as the app starts on its address.
 */
export function prefetchRecordPage(client: QueryClient, entity: string, id: string): null {
  void client.prefetchQuery(recordQuery(client, entity, id));
  void client.prefetchQuery(timelineQuery(entity, id));
  return null;
}

/**
 * The same two requests from the record page's route as it renders, when nothing asked for them
 * before (a hover over the link, the first load's loader): they start in the render that shows
 * the page, not after it.
 */
export function usePrefetchRecordPage(entity: string, id: string): void {
  const client = useQueryClient();
  usePrefetchQuery(recordQuery(client, entity, id));
  usePrefetchQuery(timelineQuery(entity, id));
}
