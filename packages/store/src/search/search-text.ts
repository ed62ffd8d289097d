/**
 * Text prepared for the trigram search index. The trigram tokenizer only matches substrings of
 * three or more characters, but one- and two-character Chinese queries (a surname "王", a given
 * name "小明") are common. So for text with non-ASCII characters a second column holds every
 * character pair followed by one separator and every single character followed by two: the
 * query "小明" becomes the phrase "小明␁" and "王" becomes "王␁␁", both three characters long.
 * (Pairs never contain two separators in a row, so the two kinds cannot match each other.)
 */
export const PAIR_SEP = '\u0001';

/** NFKC (full-width digits and letters become ASCII), trimmed, lower-cased. */
function normalizeSearchText(s: string): string {
  return s.normalize('NFKC').trim().toLowerCase();
}

const PHONE_LIKE = /^[+\d\s\-()]+$/;
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
    for (const c of new Set(chars)) pairs.push(`${c}${PAIR_SEP}${PAIR_SEP}`);
  }
  return { body: parts.join('\n'), pairs: pairs.join('') };
}

export type SearchPlan =
  | { kind: 'match'; column: 'body' | 'pairs'; phrase: string }
  | { kind: 'scan'; like: string }
  | { kind: 'empty' };

/** How to run a query: trigram phrase on the text or on the pairs column; one or two ASCII characters scan. */
export function searchPlan(query: string): SearchPlan {
  let q = normalizeSearchText(query);
  // "138 0013 8000" or "138-0013-8000": phones are stored without separators.
  if (PHONE_LIKE.test(q) && /\d/.test(q)) q = q.replace(/[\s\-()]/g, '');
  const n = Array.from(q).length;
  if (n === 0) return { kind: 'empty' };
  if (n >= 3) return { kind: 'match', column: 'body', phrase: q };
  if (n === 2 && NON_ASCII.test(q)) return { kind: 'match', column: 'pairs', phrase: q + PAIR_SEP };
  if (n === 1 && NON_ASCII.test(q))
    return { kind: 'match', column: 'pairs', phrase: q + PAIR_SEP + PAIR_SEP };
  return { kind: 'scan', like: `%${escapeLike(q)}%` };
}

/** `text` as a literal inside a LIKE pattern with ESCAPE '\\'. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** An FTS5 query string matching `phrase` literally in `column`. */
export function ftsPhrase(column: string, phrase: string): string {
  return `${column}:"${phrase.replace(/"/g, '""')}"`;
}
