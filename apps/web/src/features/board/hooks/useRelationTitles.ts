import { useQuery } from '@tanstack/react-query';
import type { EntitySpec } from '@trellis/spec';
import { query, request } from '../../../lib/api/client';
import { recordKeys } from '../../../lib/records/keys';
import { titleOf } from '../../../lib/records/spec-helpers';
import type { RecordData } from '../../../lib/records/types';
import { useLiveSpec } from '../../../lib/session/useSpec';

/** The relation fields among `fields` of an entity, with the entity each one points to. */
function relationTargets(entity: EntitySpec, fields: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of entity.fields)
    if (fields.includes(f.key) && f.type === 'relation' && 'entity' in f)
      out.set(f.key, String(f.entity));
  return out;
}

/**
 * The titles of the records that relation fields of `rows` point to (a deal's customer reads
 * as the company, not its id): one list request per related entity, under the reader's
 * permissions, so a record they may not read keeps its id. Returns a lookup by field and id.
 */
export function useRelationTitles(
  entity: EntitySpec,
  fields: readonly string[],
  rows: readonly RecordData[],
): (field: string, id: unknown) => string | undefined {
  const spec = useLiveSpec();
  const targets = relationTargets(entity, fields);
  const wanted = new Map<string, Set<string>>();
  for (const [field, target] of targets)
    for (const r of rows)
      if (typeof r[field] === 'string') {
        const ids = wanted.get(target) ?? new Set<string>();
        ids.add(r[field]);
        wanted.set(target, ids);
      }
  const asked = [...wanted].map(([target, ids]) => [target, [...ids].sort()] as const);
  const titles = useQuery({
    queryKey: [...recordKeys.all, 'titles', asked],
    enabled: asked.length > 0,
    staleTime: 60_000,
    queryFn: async () => {
      const found = new Map<string, string>();
      for (const [target, ids] of asked) {
        const e = spec.entities.find((x) => x.key === target);
        if (!e) continue;
        // A page at most holds 100 records: ask for the ids 100 at a time.
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
  return (field, id) => {
    const target = targets.get(field);
    if (!target || typeof id !== 'string') return undefined;
    return titles.data?.get(`${target}\u0000${id}`);
  };
}
