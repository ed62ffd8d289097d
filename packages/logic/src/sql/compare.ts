import { standardOperators } from '../operators/standard';
import type { SqlDialect } from './dialect';
import type { Fragment } from './fragment';
import { raw, sql } from './fragment';
import type { Kind, Term } from './terms';
import { mismatch } from './terms';

export type CompareOp = '==' | '===' | '!=' | '!==' | '<' | '<=' | '>' | '>=';
type Dynamic = Term & { t: 'dynamic' };

const FLIP: Record<string, CompareOp> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=' };
const isNil = (v: unknown) => v === null || v === undefined;

/** Runs the JS operator at compile time (our null rule included). */
const js = (op: CompareOp, a: unknown, b: unknown): boolean =>
  Boolean(standardOperators[op]?.([a, b], null as never));

/** The dialect's constant predicate. */
export const constant = (d: SqlDialect, b: boolean): Fragment => (b ? d.true : d.false);

/**
 * Two-valued SQL (never NULL) for `a op b` that selects exactly the rows where the JS
 * operator is true. Combinations whose JS meaning SQL cannot reproduce are refused.
 */
export function compare(op: CompareOp, a: Term, b: Term, path: string, d: SqlDialect): Fragment {
  if (a.t === 'literal' && b.t === 'literal') return constant(d, js(op, a.value, b.value));
  if (a.t === 'literal') return withLiteral(op, b as Dynamic, a.value, true, path, d);
  if (b.t === 'literal') return withLiteral(op, a, b.value, false, path, d);
  return dynamicPair(op, a, b, path, d);
}

function withLiteral(
  op: CompareOp,
  x: Dynamic,
  lit: unknown,
  litOnLeft: boolean,
  path: string,
  d: SqlDialect,
): Fragment {
  // The JS result when the field is null is a compile-time constant.
  const whenNull = litOnLeft ? js(op, lit, null) : js(op, null, lit);
  const dir = litOnLeft && FLIP[op] ? (FLIP[op] as CompareOp) : op;
  const nonNull = nonNullCompare(dir, x, lit, path, d);
  return whenNull
    ? sql`(${x.sql} IS NULL OR ${nonNull})`
    : sql`(${x.sql} IS NOT NULL AND ${nonNull})`;
}

/** JS ToNumber for a literal compared with a number/boolean value; null when SQL cannot follow. */
function toNumber(lit: unknown): number | null {
  if (typeof lit === 'number') return lit;
  if (typeof lit === 'boolean') return lit ? 1 : 0;
  if (typeof lit === 'string') return Number(lit);
  return null;
}

/** `x op lit` for a non-null x of the term's kind (x on the left). */
function nonNullCompare(
  op: CompareOp,
  t: Dynamic,
  lit: unknown,
  path: string,
  d: SqlDialect,
): Fragment {
  if (op === '!=') return sql`(NOT ${nonNullCompare('==', t, lit, path, d)})`;
  if (op === '!==') return sql`(NOT ${nonNullCompare('===', t, lit, path, d)})`;
  if (isNil(lit)) return d.false;
  if (typeof lit === 'object') throw mismatch(path, `a ${t.colType} field with a list or object`);
  const x = t.sql;
  if (op === '===') {
    if (t.kind === 'json' || typeof lit !== jsType(t.kind)) return d.false;
    return sql`${x} = ${lit}`;
  }
  if (t.kind === 'json') throw mismatch(path, 'a list field with a value');
  if (t.kind === 'text') {
    if (typeof lit !== 'string') throw mismatch(path, `a text field with ${JSON.stringify(lit)}`);
    if (op === '==') return sql`${x} = ${lit}`;
    return sql`${x} ${raw(op)} ${d.codePointOrder(sql`${lit}`)}`;
  }
  // number and boolean values compare numerically with the literal's ToNumber.
  const n = toNumber(lit);
  if (n === null || Number.isNaN(n)) return d.false;
  if (t.kind === 'boolean' && op === '==' && n !== 0 && n !== 1) return d.false;
  return sql`${x} ${raw(op === '==' ? '=' : op)} ${n}`;
}

const jsType = (k: Kind) => (k === 'text' ? 'string' : k);

function dynamicPair(op: CompareOp, a: Dynamic, b: Dynamic, path: string, d: SqlDialect): Fragment {
  if (a.kind !== b.kind || a.kind === 'json')
    throw mismatch(path, `a ${a.colType} field with a ${b.colType} field`);
  const A = a.sql;
  const B = b.sql;
  // Same kind: loose and strict equality agree; null equals only null.
  const eq = sql`(CASE WHEN ${A} IS NULL OR ${B} IS NULL THEN (${A} IS NULL AND ${B} IS NULL) ELSE ${A} = ${B} END)`;
  if (op === '==' || op === '===') return eq;
  if (op === '!=' || op === '!==') return sql`(NOT ${eq})`;
  const right = a.kind === 'text' ? d.codePointOrder(B) : B;
  return sql`(${A} IS NOT NULL AND ${B} IS NOT NULL AND ${A} ${raw(op)} ${right})`;
}
