import type { EntityTableInfo } from '../../entity/entity-table';
import { quoteIdent } from '../../entity/entity-table';
import { PAIR_SEP, escapeLike, searchDoc, searchPlan } from '../../search/search-text';
import { searchTableName } from './ddl';

export type PgSearchRow = { body: string; grams: string[] };

/**
 * The search row of a record: the same normalized text as SQLite's index (`body`) and, for
 * non-ASCII text, every character and every pair of neighbours (`grams`) — SQLite's pairs
 * column without the separators that its trigram phrases need.
 */
export function pgSearchRow(values: readonly unknown[]): PgSearchRow {
  const doc = searchDoc(values);
  const units = Array.from(doc.pairs);
  const grams = new Set<string>();
  for (let i = 0; i + 2 < units.length; i += 3) {
    const gram = units
      .slice(i, i + 3)
      .filter((u) => u !== PAIR_SEP)
      .join('');
    if (gram) grams.add(gram);
  }
  return { body: doc.body, grams: [...grams] };
}

/**
 * The condition of a substring search on PostgreSQL, to AND into a list (see
 * search/search-condition.ts for SQLite: the same plan and the same re-check of hidden fields).
 * Three or more characters: LIKE on the text (pg_trgm GIN); one or two non-ASCII characters:
 * the grams array (GIN); one or two ASCII characters: LIKE on the text (a scan, as on SQLite).
 */
export function pgSearchCondition(
  info: EntityTableInfo,
  query: string,
  hidden: ReadonlySet<string> = new Set(),
): { sql: string; params: unknown[] } | 'none' {
  const plan = searchPlan(query);
  if (plan.kind === 'empty' || info.searchFields.length === 0) return 'none';
  const s = quoteIdent(searchTableName(info.table));
  const text = plan.kind === 'scan' ? null : plan.phrase.split(PAIR_SEP).join('');
  const like = plan.kind === 'scan' ? plan.like : `%${escapeLike(text ?? '')}%`;
  const hits =
    plan.kind === 'match' && plan.column === 'pairs'
      ? { sql: `rid IN (SELECT rid FROM ${s} WHERE grams @> ARRAY[?::text])`, params: [text] }
      : { sql: `rid IN (SELECT rid FROM ${s} WHERE body LIKE ? ESCAPE '\\')`, params: [like] };
  if (!info.searchFields.some((f) => hidden.has(f))) return hits;
  const readable = info.searchFields.filter((f) => !hidden.has(f));
  if (readable.length === 0) return 'none';
  const recheck = readable.map(
    (f) => `lower(${info.columns[f]?.column ?? quoteIdent(f)}) LIKE ? ESCAPE '\\'`,
  );
  return {
    sql: `${hits.sql} AND (${recheck.join(' OR ')})`,
    params: [...hits.params, ...readable.map(() => like)],
  };
}
