import { useQuery } from '@tanstack/react-query';
import { query, request } from '../api/client';
import { useLiveSpec } from '../session/useSpec';
import { recordKeys } from './keys';
import { titleOf } from './spec-helpers';
import type { RecordData } from './types';

/** A record by entity and id. */
export type RecordRef = readonly [entity: string, id: string];

/**
 * The titles of records named by entity and id (a run log's records, a card's related
 * customer): one list request per entity, 100 ids at a time, under the reader's permissions —
 * a record they may not read, or one deleted since, has no title. Returns a lookup.
 */
export function useRecordTitles(
  refs: readonly RecordRef[],
): (entity: string, id: string) => string | undefined {
  const spec = useLiveSpec();
  const wanted = new Map<string, Set<string>>();
  for (const [entity, id] of refs) {
    const ids = wanted.get(entity) ?? new Set<string>();
    ids.add(id);
    wanted.set(entity, ids);
  }
  const asked = [...wanted]
    .map(([entity, ids]) => [entity, [...ids].sort()] as const)
    .sort(([a], [b]) => a.localeCompare(b));
  const titles = useQuery({
    queryKey: [...recordKeys.all, 'titles', asked],
    enabled: asked.length > 0,
    staleTime: 60_000,
    queryFn: async () => {
      const found = new Map<string, string>();
      for (const [target, ids] of asked) {
        const e = spec.entities.find((x) => x.key === target);
        if (!e) continue;
        for (let i = 0; i < ids.length; i += 100) {
          const chunk = ids.slice(i, i + 100);
          const filter = { in: [{ var: 'id' }, chunk] };
          const page = await request<{ items: RecordData[] }>(
            'GET',
            `/api/v1/records/${encodeURIComponent(target)}` +
              query({ filter, limit: chunk.length }),
          );
          for (const r of page.items) found.set(`${target}\u0000${r.id}`, titleOf(e, r));
        }
      }
      return found;
    },
  });
  return (entity, id) => titles.data?.get(`${entity}\u0000${id}`);
}
