/**
 * Text prepared for the trigram search index. The trigram tokenizer only matches substrings of
 * three or more characters, but two-character Chinese names ("小明") are common queries, so a
 * second column holds every character pair followed by a separator: the query "小明" then
 * becomes the three-character phrase "小明␁", which the trigram index can match.
 */
export const PAIR_SEP = '\u0001';

/** NFKC (full-width digits and letters become ASCII), trimmed, lower-cased. */
export function normalizeSearchText(s: string): string {
  return s.normalize('NFKC').trim().toLowerCase();
}

const NON_ASCII = /[\u0080-\u{10FFFF}]/u;

export type SearchDoc = { body: string; pairs: string };

/** Builds the indexed text of a record from the values of its search fields. */
export function searchDoc(values: readonly unknown[]): SearchDoc {
  const parts: string[] = [];
  for (const v of values) {
    if (v === null || v === undefined || v === '') continue;
    parts.push(normalizeSearchText(String(v)));
  }
  const pairs: string[] = [];
  for (const part of parts) {
    // Only text with non-ASCII characters (Chinese names) gets pairs: two-character queries on
    // phones and emails are not useful and would triple the index.
    if (!NON_ASCII.test(part)) continue;
    const chars = Array.from(part);
    for (let i = 0; i + 1 < chars.length; i++) pairs.push(`${chars[i]}${chars[i + 1]}${PAIR_SEP}`);
  }
  return { body: parts.join('\n'), pairs: pairs.join('') };
}

export type SearchPlan =
  | { kind: 'match'; column: 'body' | 'pairs'; phrase: string }
  | { kind: 'scan'; like: string }
  | { kind: 'empty' };

/** How to run a query: trigram phrase on the text, on the pairs column, or a scan (one character, two ASCII characters). */
export function searchPlan(query: string): SearchPlan {
  const q = normalizeSearchText(query);
  const n = Array.from(q).length;
  if (n === 0) return { kind: 'empty' };
  if (n >= 3) return { kind: 'match', column: 'body', phrase: q };
  if (n === 2 && NON_ASCII.test(q)) return { kind: 'match', column: 'pairs', phrase: q + PAIR_SEP };
  return { kind: 'scan', like: `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` };
}

/** An FTS5 query string matching `phrase` literally in `column`. */
export function ftsPhrase(column: string, phrase: string): string {
  return `${column}:"${phrase.replace(/"/g, '""')}"`;
}
