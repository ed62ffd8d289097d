import { useCallback, useMemo } from 'react';
import { useQueries } from '@tanstack/react-query';
import type { EntitySpec } from '@trellis/spec';
import { query, request } from '../api/client';
import { useLiveSpec } from '../session/useSpec';
import { recordKeys } from './keys';
import { titleOf } from './spec-helpers';
import type { RecordData } from './types';

/** The relation fields among `fields` of an entity, with the entity each one points to. */
export function relationTargets(
  entity: EntitySpec,
  fields: readonly string[],
): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of entity.fields)
    if (fields.includes(f.key) && f.type === 'relation' && 'entity' in f)
      out.set(f.key, String(f.entity));
  return out;
}

/** Ids asked for in one request: the server's page size for an `in` filter. */
const CHUNK = 100;

type Chunk = { target: string; ids: string[] };

/**
 * The ids the relation columns of `rows` point to, per target entity in the order the rows
 * loaded, cut in chunks of CHUNK: a page of rows arriving while scrolling adds a chunk (or
 * grows the last one), so the titles already read are not asked for again.
 */
export function relationChunks(
  targets: ReadonlyMap<string, string>,
  rows: readonly RecordData[],
): Chunk[] {
  const idsByTarget = new Map<string, string[]>();
  const seen = new Set<string>();
  for (const row of rows)
    for (const [field, target] of targets) {
      const id = row[field];
      if (typeof id !== 'string' || !id || seen.has(`${target}\u0000${id}`)) continue;
      seen.add(`${target}\u0000${id}`);
      const ids = idsByTarget.get(target) ?? [];
      ids.push(id);
      idsByTarget.set(target, ids);
    }
  const chunks: Chunk[] = [];
  for (const [target, ids] of idsByTarget)
    for (let i = 0; i < ids.length; i += CHUNK)
      chunks.push({ target, ids: ids.slice(i, i + CHUNK) });
  return chunks;
}

type TitlesRead = { target: string; ids: string[]; found: Record<string, string> };

/**
 * The titles read so far, by target and id, and which ids were asked for. A function of the
 * module, not of the render: TanStack Query runs a `combine` again only when it or the answers
 * change, so the lookup (and the cell text made with it) stays the same object until one
 * arrives, and the list's rows are written again only then.
 */
function titleLookup(results: { data?: TitlesRead }[]) {
  const found = new Map<string, string>();
  const read = new Set<string>();
  for (const r of results) {
    if (!r.data) continue;
    for (const id of r.data.ids) read.add(`${r.data.target}\u0000${id}`);
    for (const [id, title] of Object.entries(r.data.found))
      found.set(`${r.data.target}\u0000${id}`, title);
  }
  return { found, read };
}

/**
 * A list's cell text with its relation columns read as the related record's title (an
 * enrolment's student by name, not `01a2208b-…`), under the reader's permissions: a record
 * they may not read, or one deleted since, reads as the start of its id. Without relation
 * columns it is `text` itself, and nothing is asked.
 */
export function useRelationText(
  entity: EntitySpec,
  columns: readonly string[],
  rows: readonly RecordData[],
  text: (key: string, value: unknown) => string,
): (key: string, value: unknown) => string {
  const spec = useLiveSpec();
  const targets = useMemo(() => relationTargets(entity, columns), [entity, columns]);
  const chunks = useMemo(
    () => (targets.size ? relationChunks(targets, rows) : []),
    [targets, rows],
  );
  const titles = useQueries({
    queries: chunks.map(({ target, ids }) => ({
      queryKey: [...recordKeys.all, 'titles', target, ids],
      staleTime: 60_000,
      queryFn: async ({ signal }: { signal: AbortSignal }): Promise<TitlesRead> => {
        const e = spec.entities.find((x) => x.key === target);
        const page = await request<{ items: RecordData[] }>(
          'GET',
          `/api/v1/records/${encodeURIComponent(target)}` +
            query({ filter: { in: [{ var: 'id' }, ids] }, limit: ids.length }),
          undefined,
          signal,
        );
        const found: Record<string, string> = {};
        for (const r of page.items) found[r.id] = e ? titleOf(e, r) : r.id;
        return { target, ids, found };
      },
    })),
    combine: titleLookup,
  });
  return useCallback(
    (key: string, value: unknown) => {
      const target = targets.get(key);
      if (!target || typeof value !== 'string' || !value) return text(key, value);
      const id = `${target}\u0000${value}`;
      const title = titles.found.get(id);
      if (title) return title;
      // Asked and not readable: the start of the id, as a person no longer here reads.
      return titles.read.has(id) ? value.slice(0, 8) : '';
    },
    [targets, titles, text],
  );
}
