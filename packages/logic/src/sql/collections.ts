import { constant } from './compare';
import type { SqlDialect } from './dialect';
import type { Fragment } from './fragment';
import { join, raw, sql } from './fragment';
import type { Term } from './terms';
import { mismatch, unsupported } from './terms';

type Dynamic = Term & { t: 'dynamic' };

const codePoints = (s: string) => [...s].length;

/**
 * `in`, `contains` and `startsWith` where at least one side is a field. Substring tests use
 * the dialect's position()/substr(), never LIKE: LIKE is case-insensitive for ASCII in SQLite
 * and treats % and _ as wildcards, so it could not reproduce the JS result; these take the
 * text literally.
 */
export function collection(
  op: 'in' | 'contains' | 'startsWith',
  a: Term,
  b: Term,
  path: string,
  d: SqlDialect,
): Fragment {
  if (op === 'in') return inside(a, b, path, d);
  if (op === 'contains') return inside(b, a, path, d, true);
  return startsWith(a, b, path, d);
}

/** `{"in":[needle, haystack]}`; contains(haystack, needle) is the same test except for a string needle rule. */
function inside(
  needle: Term,
  haystack: Term,
  path: string,
  d: SqlDialect,
  containsOp = false,
): Fragment {
  if (haystack.t === 'literal') {
    const h = haystack.value;
    const n = needle as Dynamic;
    if (Array.isArray(h)) return oneOf(n, h, d);
    if (typeof h !== 'string' || (!containsOp && h === '')) return d.false;
    // A field searched inside a literal text: only text fields convert to the same string in SQL.
    if (n.kind !== 'text') {
      if (containsOp) return d.false;
      throw mismatch(path, `a ${n.colType} field searched in a text`);
    }
    // JS `in` searches String(null) = 'null' for a null field; contains needs a string.
    const whenNull = constant(d, !containsOp && h.includes('null'));
    return sql`(CASE WHEN ${n.sql} IS NULL THEN ${whenNull} ELSE ${d.position(sql`${h}`, n.sql)} > 0 END)`;
  }
  if (needle.t !== 'literal') throw unsupported(path, containsOp ? 'contains' : 'in');
  const v = needle.value;
  if (haystack.kind === 'text') {
    // JS `in` converts the needle with String(); `contains` needs a string needle.
    if (containsOp && typeof v !== 'string') return d.false;
    if (typeof v === 'object' && v !== null)
      throw mismatch(path, 'a list searched in a text field');
    const s = String(v);
    const nonEmpty = containsOp ? d.true : sql`${haystack.sql} <> ''`;
    return sql`(${haystack.sql} IS NOT NULL AND ${nonEmpty} AND ${d.position(haystack.sql, sql`${s}`)} > 0)`;
  }
  if (haystack.kind === 'json') return jsonHas(haystack, v, d);
  return d.false;
}

/** Strict (===) membership of a field value in a literal list. */
function oneOf(n: Dynamic, list: unknown[], d: SqlDialect): Fragment {
  const hasNull = list.some((e) => e === null);
  const want = n.kind === 'text' ? 'string' : n.kind;
  const same = n.kind === 'json' ? [] : list.filter((e) => typeof e === want);
  const values = [...new Set(same)];
  const nonNull =
    values.length === 0
      ? d.false
      : sql`${n.sql} IN (${join(
          values.map((v) => sql`${v}`),
          ', ',
        )})`;
  return sql`(CASE WHEN ${n.sql} IS NULL THEN ${constant(d, hasNull)} ELSE ${nonNull} END)`;
}

/** Strict membership of a literal in a JSON array column. */
function jsonHas(h: Dynamic, v: unknown, d: SqlDialect): Fragment {
  if (v === undefined) v = null;
  // A literal list or object is never identical to an element.
  if (v !== null && typeof v === 'object') return d.false;
  if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean' && v !== null)
    return d.false;
  // CASE, not AND: PostgreSQL does not promise to test the type before reading the array.
  return sql`(CASE WHEN ${h.sql} IS NOT NULL AND ${d.jsonType(h.sql)} = 'array' THEN ${d.jsonArrayHas(h.sql, v)} ELSE ${d.false} END)`;
}

function startsWith(s: Term, prefix: Term, path: string, d: SqlDialect): Fragment {
  if (s.t === 'dynamic' && prefix.t === 'literal') {
    if (s.kind !== 'text' || typeof prefix.value !== 'string') return d.false;
    // The length is a number we count, not user text, so it is written into the SQL.
    return sql`(${s.sql} IS NOT NULL AND substr(${s.sql}, 1, ${raw(String(codePoints(prefix.value)))}) = ${prefix.value})`;
  }
  if (s.t === 'literal' && prefix.t === 'dynamic') {
    if (typeof s.value !== 'string' || prefix.kind !== 'text') return d.false;
    return sql`(${prefix.sql} IS NOT NULL AND substr(${s.value}, 1, length(${prefix.sql})) = ${prefix.sql})`;
  }
  throw unsupported(path, 'startsWith');
}
