import { quoteIdent, type EntityTableInfo } from '../entity/entity-table';
import type { WhereSql } from '../record-store';
import { PAIR_SEP, ftsPhrase, searchPlan } from './search-text';

/**
 * The SQL condition of a substring search, to AND into a list so that search gets the list's
 * cursor pagination, sort and total. The trigram index (title, phone and email fields) narrows
 * the rows fast; but one index row holds the text of every search field, so when some of those
 * fields are hidden from the reader each hit is checked again against the columns they may read:
 * a hidden phone must not be learnt by searching for its digits.
 * Returns 'none' when nothing can match (empty query, no readable search field).
 */
export function searchCondition(
  info: EntityTableInfo,
  query: string,
  hidden: ReadonlySet<string> = new Set(),
): WhereSql | 'none' {
  const plan = searchPlan(query);
  if (plan.kind === 'empty' || info.searchFields.length === 0) return 'none';
  const fts = quoteIdent(info.ftsTable);
  const hits: WhereSql =
    plan.kind === 'match'
      ? { sql: `rid IN (SELECT rowid FROM ${fts} WHERE ${fts} MATCH ?)`, params: [ftsPhrase(plan.column, plan.phrase)] }
      : { sql: `rid IN (SELECT rowid FROM ${fts} WHERE body LIKE ? ESCAPE '\\')`, params: [plan.like] };
  if (!info.searchFields.some((f) => hidden.has(f))) return hits;
  const readable = info.searchFields.filter((f) => !hidden.has(f));
  if (readable.length === 0) return 'none';
  // The re-check matches the query text itself (the pairs phrase carries separators).
  const like =
    plan.kind === 'scan' ? plan.like : `%${plan.phrase.split(PAIR_SEP).join('').replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const recheck = readable.map((f) => `lower(${info.columns[f]?.column ?? quoteIdent(f)}) LIKE ? ESCAPE '\\'`);
  return {
    sql: `${hits.sql} AND (${recheck.join(' OR ')})`,
    params: [...hits.params, ...readable.map(() => like)],
  };
}
