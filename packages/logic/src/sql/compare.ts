import { standardOperators } from '../operators/standard';
import type { Fragment } from './fragment';
import { FALSE, constant, raw, sql } from './fragment';
import type { Kind, Term } from './terms';
import { mismatch } from './terms';

export type CompareOp = '==' | '===' | '!=' | '!==' | '<' | '<=' | '>' | '>=';
type Dynamic = Term & { t: 'dynamic' };

const FLIP: Record<string, CompareOp> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=' };
const isNil = (v: unknown) => v === null || v === undefined;

/** Runs the JS operator at compile time (our null rule included). */
const js = (op: CompareOp, a: unknown, b: unknown): boolean =>
  Boolean(standardOperators[op]?.([a, b], null as never));

/**
 * Two-valued SQL (never NULL) for `a op b` that selects exactly the rows where the JS
 * operator is true. Combinations whose JS meaning SQL cannot reproduce are refused.
 */
export function compare(op: CompareOp, a: Term, b: Term, path: string): Fragment {
  if (a.t === 'literal' && b.t === 'literal') return constant(js(op, a.value, b.value));
  if (a.t === 'literal') return withLiteral(op, b as Dynamic, a.value, true, path);
  if (b.t === 'literal') return withLiteral(op, a, b.value, false, path);
  return dynamicPair(op, a, b, path);
}

function withLiteral(
  op: CompareOp,
  d: Dynamic,
  lit: unknown,
  litOnLeft: boolean,
  path: string,
): Fragment {
  // The JS result when the field is null is a compile-time constant.
  const whenNull = litOnLeft ? js(op, lit, null) : js(op, null, lit);
  const dir = litOnLeft && FLIP[op] ? (FLIP[op] as CompareOp) : op;
  const nonNull = nonNullCompare(dir, d, lit, path);
  return whenNull
    ? sql`(${d.sql} IS NULL OR ${nonNull})`
    : sql`(${d.sql} IS NOT NULL AND ${nonNull})`;
}

/** JS ToNumber for a literal compared with a number/boolean value; null when SQL cannot follow. */
function toNumber(lit: unknown): number | null {
  if (typeof lit === 'number') return lit;
  if (typeof lit === 'boolean') return lit ? 1 : 0;
  if (typeof lit === 'string') return Number(lit);
  return null;
}

/** `x op lit` for a non-null x of the term's kind (x on the left). */
function nonNullCompare(op: CompareOp, d: Dynamic, lit: unknown, path: string): Fragment {
  if (op === '!=') return sql`(NOT ${nonNullCompare('==', d, lit, path)})`;
  if (op === '!==') return sql`(NOT ${nonNullCompare('===', d, lit, path)})`;
  if (isNil(lit)) return FALSE;
  if (typeof lit === 'object') throw mismatch(path, `a ${d.colType} field with a list or object`);
  const x = d.sql;
  if (op === '===') {
    if (d.kind === 'json' || typeof lit !== jsType(d.kind)) return FALSE;
    return sql`${x} = ${lit}`;
  }
  if (d.kind === 'json') throw mismatch(path, 'a list field with a value');
  if (d.kind === 'text') {
    if (typeof lit !== 'string') throw mismatch(path, `a text field with ${JSON.stringify(lit)}`);
    return sql`${x} ${raw(op === '==' ? '=' : op)} ${lit}`;
  }
  // number and boolean values compare numerically with the literal's ToNumber.
  const n = toNumber(lit);
  if (n === null || Number.isNaN(n)) return FALSE;
  if (d.kind === 'boolean' && op === '==' && n !== 0 && n !== 1) return FALSE;
  return sql`${x} ${raw(op === '==' ? '=' : op)} ${n}`;
}

const jsType = (k: Kind) => (k === 'text' ? 'string' : k);

function dynamicPair(op: CompareOp, a: Dynamic, b: Dynamic, path: string): Fragment {
  if (a.kind !== b.kind || a.kind === 'json')
    throw mismatch(path, `a ${a.colType} field with a ${b.colType} field`);
  const A = a.sql;
  const B = b.sql;
  // Same kind: loose and strict equality agree; null equals only null.
  const eq = sql`(CASE WHEN ${A} IS NULL OR ${B} IS NULL THEN (${A} IS NULL AND ${B} IS NULL) ELSE ${A} = ${B} END)`;
  if (op === '==' || op === '===') return eq;
  if (op === '!=' || op === '!==') return sql`(NOT ${eq})`;
  return sql`(${A} IS NOT NULL AND ${B} IS NOT NULL AND ${A} ${raw(op)} ${B})`;
}
