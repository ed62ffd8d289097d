import { useInfiniteQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { fetchViewPage } from '../../../lib/records/api';
import { recordKeys } from '../../../lib/records/keys';
import type { ListParams } from '../../../lib/records/types';

/** A view's records, a page at a time (cursor paging); `rows` is everything loaded so far. */
export function useViewRecords(view: string, params: ListParams) {
  const query = useInfiniteQuery({
    queryKey: recordKeys.list(view, params),
    queryFn: ({ pageParam }) => fetchViewPage(view, params, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled: view !== '',
  });
  const rows = useMemo(() => (query.data?.pages ?? []).flatMap((p) => p.items), [query.data]);
  const total = query.data?.pages[0]?.total;
  return { ...query, rows, total };
}
