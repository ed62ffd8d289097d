import { quoteIdent, type EntityTableInfo, type WhereSql } from '@trellis/store';

/**
 * The SQL condition of a substring search, ANDed into a list so that search gets the list's
 * cursor pagination, sort and total. The store's trigram index (title, phone and email fields)
 * narrows the rows fast; but one index row holds the text of every search field, so when some
 * of those fields are hidden from the actor each hit is checked again against the columns the
 * actor can read: a hidden phone must not be learnt by searching for its digits.
 * Returns 'none' when nothing can match (empty query, no readable search field).
 */
export function searchCondition(
  info: EntityTableInfo,
  query: string,
  hidden: ReadonlySet<string>,
): WhereSql | 'none' {
  const plan = planSearch(query);
  if (!plan || info.searchFields.length === 0) return 'none';
  const fts = quoteIdent(info.ftsTable);
  const hits =
    plan.kind === 'match'
      ? {
          sql: `rid IN (SELECT rowid FROM ${fts} WHERE ${fts} MATCH ?)`,
          params: [`${plan.column}:"${plan.phrase.replace(/"/g, '""')}"`],
        }
      : {
          sql: `rid IN (SELECT rowid FROM ${fts} WHERE body LIKE ? ESCAPE '\\')`,
          params: [likePattern(plan.text)],
        };
  if (!info.searchFields.some((f) => hidden.has(f))) return hits;
  const readable = info.searchFields.filter((f) => !hidden.has(f));
  if (readable.length === 0) return 'none';
  const recheck = readable.map(
    (f) => `lower(${info.columns[f]?.column ?? quoteIdent(f)}) LIKE ? ESCAPE '\\'`,
  );
  return {
    sql: `${hits.sql} AND (${recheck.join(' OR ')})`,
    params: [...hits.params, ...readable.map(() => likePattern(plan.text))],
  };
}

// Mirrors the store's query preparation (packages/store/src/search/search-text.ts): the index
// holds NFKC, lower-cased text; phones are stored without separators; the trigram tokenizer
// needs three characters, shorter Chinese queries use the pairs column, shorter ASCII ones scan.
const PHONE_LIKE = /^[+\d\s\-()]+$/;
const NON_ASCII = /[\u0080-\u{10FFFF}]/u;
const PAIR_SEP = '\u0001';

type Plan =
  | { kind: 'match'; column: 'body' | 'pairs'; phrase: string; text: string }
  | { kind: 'scan'; text: string };

function planSearch(query: string): Plan | null {
  let q = query.normalize('NFKC').trim().toLowerCase();
  if (PHONE_LIKE.test(q) && /\d/.test(q)) q = q.replace(/[\s\-()]/g, '');
  const n = Array.from(q).length;
  if (n === 0) return null;
  if (n >= 3) return { kind: 'match', column: 'body', phrase: q, text: q };
  if (!NON_ASCII.test(q)) return { kind: 'scan', text: q };
  const phrase = n === 2 ? q + PAIR_SEP : q + PAIR_SEP + PAIR_SEP;
  return { kind: 'match', column: 'pairs', phrase, text: q };
}

function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
