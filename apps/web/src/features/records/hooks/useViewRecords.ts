import {
  infiniteQueryOptions,
  queryOptions,
  useInfiniteQuery,
  useQuery,
  type QueryClient,
} from '@tanstack/react-query';
import { useMemo } from 'react';
import { fetchViewGroups, fetchViewPage } from '../../../lib/records/api';
import { recordKeys } from '../../../lib/records/keys';
import type { ListParams } from '../../../lib/records/types';
import { listParamsOf } from './list-url';
import { viewsQuery } from './useViews';

/**
 * A view's records, a page at a time (the same query for the page and the route's loader). The
 * rows come without their count: counting every match costs the server more than a page on a
 * large workspace, so the count is a query of its own (`viewTotalQuery`) and the rows never
 * wait for it.
 */
const viewRecordsQuery = (view: string, params: ListParams) =>
  infiniteQueryOptions({
    queryKey: recordKeys.list(view, params),
    queryFn: ({ pageParam, signal }) =>
      fetchViewPage(view, params, pageParam, { count: false, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });

/**
 * A view's records, a page at a time (cursor paging); `rows` is everything loaded so far. Only
 * what the list reads is taken from the query: TanStack Query then re-renders the list when
 * those change, not on every change of the query's state.
 */
export function useViewRecords(view: string, params: ListParams) {
  const query = useInfiniteQuery({ ...viewRecordsQuery(view, params), enabled: view !== '' });
  const { data } = query;
  const rows = useMemo(() => (data?.pages ?? []).flatMap((p) => p.items), [data]);
  return {
    rows,
    isPending: query.isPending,
    isError: query.isError,
    error: query.error,
    refetch: query.refetch,
    hasNextPage: query.hasNextPage,
    isFetchingNextPage: query.isFetchingNextPage,
    fetchNextPage: query.fetchNextPage,
  };
}

/**
 * The number of a view's records under the list's filter and search: its groups without a
 * grouping field, one count (the sort does not change it, so it is not asked with it).
 */
const viewTotalQuery = (view: string, { filter, q }: ListParams) => {
  const counted = { ...(filter !== undefined ? { filter } : {}), ...(q ? { q } : {}) };
  return queryOptions({
    queryKey: recordKeys.total(view, counted),
    queryFn: async ({ signal }) => ({
      total: (await fetchViewGroups(view, counted, signal)).reduce((n, g) => n + g.count, 0),
    }),
  });
};

/** The number of a view's records, once the server has counted them (the rows do not wait). */
export function useViewTotal(view: string, params: ListParams): number | undefined {
  return useQuery({
    ...viewTotalQuery(view, params),
    enabled: view !== '',
    select: (data) => data.total,
  }).data;
}

/**
 * Asks for a list's first rows (and, beside them, its count) as the navigation starts (the route's loader, once someone is
 * signed in), for the view the URL names — or, without one, the entity's first list view, as
 * the page picks it — under the URL's filter, sort and search.
 */
export async function prefetchViewRecords(
  client: QueryClient,
  entity: string,
  search: URLSearchParams,
): Promise<void> {
  let view = search.get('view');
  if (!view) {
    const views = await client.ensureQueryData(viewsQuery);
    view = views.find((v) => v.entity === entity && v.type === 'list')?.key ?? `@${entity}`;
  }
  const params = listParamsOf(search);
  void client.prefetchQuery(viewTotalQuery(view, params));
  await client.prefetchInfiniteQuery(viewRecordsQuery(view, params));
}
