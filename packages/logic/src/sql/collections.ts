import type { Fragment } from './fragment';
import { FALSE, constant, join, raw, sql } from './fragment';
import type { Term } from './terms';
import { mismatch, unsupported } from './terms';

type Dynamic = Term & { t: 'dynamic' };

const codePoints = (s: string) => [...s].length;

/**
 * `in`, `contains` and `startsWith` where at least one side is a field. Substring tests use
 * instr()/substr(), never LIKE: LIKE is case-insensitive for ASCII in SQLite and treats % and _
 * as wildcards, so it could not reproduce the JS result; instr/substr take the text literally.
 */
export function collection(
  op: 'in' | 'contains' | 'startsWith',
  a: Term,
  b: Term,
  path: string,
): Fragment {
  if (op === 'in') return inside(a, b, path);
  if (op === 'contains') return inside(b, a, path, true);
  return startsWith(a, b, path);
}

/** `{"in":[needle, haystack]}`; contains(haystack, needle) is the same test except for a string needle rule. */
function inside(needle: Term, haystack: Term, path: string, containsOp = false): Fragment {
  if (haystack.t === 'literal') {
    const h = haystack.value;
    const n = needle as Dynamic;
    if (Array.isArray(h)) return oneOf(n, h);
    if (typeof h !== 'string' || (!containsOp && h === '')) return FALSE;
    // A field searched inside a literal text: only text fields convert to the same string in SQL.
    if (n.kind !== 'text') {
      if (containsOp) return FALSE;
      throw mismatch(path, `a ${n.colType} field searched in a text`);
    }
    // JS `in` searches String(null) = 'null' for a null field; contains needs a string.
    const whenNull = constant(!containsOp && h.includes('null'));
    return sql`(CASE WHEN ${n.sql} IS NULL THEN ${whenNull} ELSE instr(${h}, ${n.sql}) > 0 END)`;
  }
  if (needle.t !== 'literal') throw unsupported(path, containsOp ? 'contains' : 'in');
  const v = needle.value;
  if (haystack.kind === 'text') {
    // JS `in` converts the needle with String(); `contains` needs a string needle.
    if (containsOp && typeof v !== 'string') return FALSE;
    if (typeof v === 'object' && v !== null)
      throw mismatch(path, 'a list searched in a text field');
    const s = String(v);
    const nonEmpty = containsOp ? raw('1') : sql`${haystack.sql} <> ''`;
    return sql`(${haystack.sql} IS NOT NULL AND ${nonEmpty} AND instr(${haystack.sql}, ${s}) > 0)`;
  }
  if (haystack.kind === 'json') return jsonHas(haystack, v);
  return FALSE;
}

/** Strict (===) membership of a field value in a literal list. */
function oneOf(n: Dynamic, list: unknown[]): Fragment {
  const hasNull = list.some((e) => e === null);
  const want = n.kind === 'text' ? 'string' : n.kind;
  const same = n.kind === 'json' ? [] : list.filter((e) => typeof e === want);
  const values = [...new Set(same)];
  const nonNull =
    values.length === 0
      ? FALSE
      : sql`${n.sql} IN (${join(
          values.map((v) => sql`${v}`),
          ', ',
        )})`;
  return sql`(CASE WHEN ${n.sql} IS NULL THEN ${constant(hasNull)} ELSE ${nonNull} END)`;
}

/** Strict membership of a literal in a JSON array column. */
function jsonHas(h: Dynamic, v: unknown): Fragment {
  let test: Fragment;
  if (v === null || v === undefined) test = raw(`type = 'null'`);
  else if (typeof v === 'boolean') test = raw(v ? `type = 'true'` : `type = 'false'`);
  else if (typeof v === 'number') test = sql`type IN ('integer', 'real') AND value = ${v}`;
  else if (typeof v === 'string') test = sql`type = 'text' AND value = ${v}`;
  else return FALSE; // a literal list or object is never identical to an element
  return sql`(${h.sql} IS NOT NULL AND json_type(${h.sql}) = 'array' AND EXISTS (SELECT 1 FROM json_each(${h.sql}) WHERE ${test}))`;
}

function startsWith(s: Term, prefix: Term, path: string): Fragment {
  if (s.t === 'dynamic' && prefix.t === 'literal') {
    if (s.kind !== 'text' || typeof prefix.value !== 'string') return FALSE;
    return sql`(${s.sql} IS NOT NULL AND substr(${s.sql}, 1, ${codePoints(prefix.value)}) = ${prefix.value})`;
  }
  if (s.t === 'literal' && prefix.t === 'dynamic') {
    if (typeof s.value !== 'string' || prefix.kind !== 'text') return FALSE;
    return sql`(${prefix.sql} IS NOT NULL AND substr(${s.value}, 1, length(${prefix.sql})) = ${prefix.sql})`;
  }
  throw unsupported(path, 'startsWith');
}
