import { infiniteQueryOptions, queryOptions, type QueryClient } from '@tanstack/react-query';
import type { EntitySpec } from '@trellis/spec';
import { fetchViewGroups, fetchViewPage, fetchViews } from '../../../lib/records/api';
import { recordKeys } from '../../../lib/records/keys';
import { pipelineOf } from '../../../lib/records/spec-helpers';
import { entityOf, specQuery } from '../../../lib/session/useSpec';

/** The views (the same query as the shell's). */
export const boardViewsQuery = queryOptions({
  queryKey: recordKeys.views(),
  queryFn: fetchViews,
  staleTime: 60_000,
});

/** The money field a board sums per column (the entity's first), if any. */
export const moneyFieldsOf = (entity: EntitySpec): string[] =>
  entity.fields
    .filter((f) => f.type === 'money')
    .map((f) => f.key)
    .slice(0, 1);

/** The board's one count (and sum) per stage. */
export const boardGroupsQuery = (view: string, money: string[]) =>
  queryOptions({
    queryKey: recordKeys.groups(view, { by: 'stage', sum: money.join(',') }),
    queryFn: ({ signal }) =>
      fetchViewGroups(
        view,
        { by: 'stage', ...(money.length ? { sum: money.join(',') } : {}) },
        signal,
      ),
  });

/**
 * A column's cards, 20 at a time. No total: the column's count comes from the groups query,
 * and counting a stage's rows again per column cost the server as much as the cards.
 */
export const boardColumnQuery = (view: string, by: string, value: string) => {
  const filter = { '==': [{ var: by }, value] };
  return infiniteQueryOptions({
    queryKey: recordKeys.list(view, { filter }),
    queryFn: ({ pageParam, signal }) =>
      fetchViewPage(view, { filter }, pageParam, { limit: 20, count: false, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
};

/**
 * Asks for a board's counts and every column's first cards as the navigation starts (the
 * route's loader, once someone is signed in) — all at once, as soon as the spec and the views
 * are known, instead of after the page has rendered with them.
 */
export async function prefetchBoard(client: QueryClient, viewKey: string): Promise<void> {
  const [views, live] = await Promise.all([
    client.ensureQueryData(boardViewsQuery),
    client.ensureQueryData(specQuery),
  ]);
  const view = views.find((v) => v.key === viewKey);
  const entity = view && live.spec ? entityOf(live.spec, view.entity) : undefined;
  if (!view || !entity || !live.spec) return;
  void client.prefetchQuery(boardGroupsQuery(view.key, moneyFieldsOf(entity)));
  for (const stage of pipelineOf(live.spec, entity.key)?.stages ?? [])
    void client.prefetchInfiniteQuery(boardColumnQuery(view.key, 'stage', stage.key));
}
