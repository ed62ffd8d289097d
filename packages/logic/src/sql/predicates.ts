import { expectedArgs } from '../check-arguments';
import { operationOf } from '../compile';
import { pointer } from '../errors';
import { customOperators, isEmptyValue } from '../operators/custom';
import { standardOperators } from '../operators/standard';
import { truthy } from '../truthy';
import type { CompareOp } from './compare';
import { compare, constant } from './compare';
import type { Fragment } from './fragment';
import { SqlUnsupported, join, sql } from './fragment';
import { collection } from './collections';
import type { SqlCx, Term } from './terms';
import { argPaths, term, unsupported } from './terms';

const COMPARE = new Set(['==', '===', '!=', '!==', '<', '<=', '>', '>=']);

/**
 * Compiles an expression used as a condition into SQL that is true (1) exactly where the JS
 * result is truthy and false (0) otherwise (never NULL, so NOT and nesting stay exact).
 */
export function predicate(expr: unknown, path: string, cx: SqlCx): Fragment {
  const operation = operationOf(expr);
  if (!operation) return truthiness(term(expr, path, cx), cx);
  const { op, args } = operation;
  const at = argPaths(expr, path);
  if (op === 'and' || op === 'or') {
    if (args.length === 0) return cx.d.false;
    return sql`(${join(
      args.map((a, i) => predicate(a, at(i), cx)),
      op === 'and' ? ' AND ' : ' OR ',
    )})`;
  }
  // evaluate runs every argument, so SQL refuses extra ones rather than dropping them.
  if ((op === '!' || op === '!!' || op === 'isEmpty') && args.length !== 1)
    throw unsupported(path, op);
  if (op === '!') return sql`(NOT ${predicate(args[0], at(0), cx)})`;
  if (op === '!!') return predicate(args[0], at(0), cx);
  if (op === 'if' || op === '?:') return conditional(args, at, cx);
  if (COMPARE.has(op)) return comparison(op as CompareOp, args, at, path, cx);
  if (op === 'missing')
    return missing(
      Array.isArray(args[0]) ? (args[0] as unknown[]) : args,
      at,
      Array.isArray(args[0]),
      cx,
    );
  if (op === 'missing_some') return missingSome(args, at, cx);
  if (op === 'in' || op === 'contains' || op === 'startsWith') {
    if (args.length !== 2) throw unsupported(path, op);
    const a = term(args[0], at(0), cx);
    const b = term(args[1], at(1), cx);
    if (a.t === 'literal' && b.t === 'literal')
      return constant(cx.d, truthy(runJs(op, [a.value, b.value], cx)));
    return collection(op, a, b, path, cx.d);
  }
  if (op === 'isEmpty') return isEmpty(term(args[0], at(0), cx), cx);
  if (op === 'enteredStage' || op === 'leftStage') return stageMoved(op, args, at, path, cx);
  return truthiness(term(expr, path, cx), cx);
}

/**
 * `enteredStage` / `leftStage` by the caller's SQL (cx.stageMoves): the stage a literal, each
 * bound a time known when compiling (a number, null, or an operation over now such as startOf).
 */
function stageMoved(
  op: 'enteredStage' | 'leftStage',
  args: unknown[],
  at: (i: number) => string,
  path: string,
  cx: SqlCx,
): Fragment {
  if (!cx.stageMoves) throw unsupported(path, op);
  const bad = () =>
    new SqlUnsupported(pointer(path, op), 'logic.badArguments', {
      operator: op,
      expected: expectedArgs(op, cx.locale ?? 'zh-CN'),
    });
  const [stage, ...bounds] = args;
  if (typeof stage !== 'string' || stage === '' || args.length > 3) throw bad();
  const [from, to] = [0, 1].map((i) => {
    if (bounds[i] === undefined || bounds[i] === null) return null;
    const t = term(bounds[i], at(i + 1), cx);
    if (t.t !== 'literal') throw unsupported(at(i + 1), op);
    if (t.value === null) return null;
    if (typeof t.value !== 'number' || !Number.isFinite(t.value)) throw bad();
    return t.value;
  }) as [number | null, number | null];
  return cx.stageMoves({ side: op === 'enteredStage' ? 'entered' : 'left', stage, from, to });
}

function runJs(op: string, values: unknown[], cx: SqlCx): unknown {
  const fn = standardOperators[op] ?? customOperators[op];
  return fn?.(values, { data: null, record: null, ctx: cx.ctx, now: cx.now });
}

/** JSONLogic truthiness of a value. */
function truthiness(t: Term, cx: SqlCx): Fragment {
  const d = cx.d;
  if (t.t === 'literal') return constant(d, truthy(t.value));
  const x = t.sql;
  switch (t.kind) {
    case 'text':
      return sql`(${x} IS NOT NULL AND ${x} <> '')`;
    case 'json':
      return sql`(${x} IS NOT NULL AND (CASE WHEN ${d.jsonType(x)} = 'array' THEN ${d.jsonArrayLength(x)} > 0 ELSE ${d.true} END))`;
    default:
      return sql`(${x} IS NOT NULL AND ${x} <> 0)`;
  }
}

function conditional(args: unknown[], at: (i: number) => string, cx: SqlCx): Fragment {
  if (args.length === 0) return cx.d.false;
  if (args.length === 1) return predicate(args[0], at(0), cx);
  const parts: Fragment[] = [];
  let i = 0;
  for (; i < args.length - 1; i += 2) {
    parts.push(
      sql` WHEN ${predicate(args[i], at(i), cx)} THEN ${predicate(args[i + 1], at(i + 1), cx)}`,
    );
  }
  const otherwise = i === args.length - 1 ? predicate(args[i], at(i), cx) : cx.d.false;
  return sql`(CASE${join(parts, '')} ELSE ${otherwise} END)`;
}

function comparison(
  op: CompareOp,
  args: unknown[],
  at: (i: number) => string,
  path: string,
  cx: SqlCx,
): Fragment {
  const between = (op === '<' || op === '<=') && args.length === 3;
  if (args.length !== 2 && !between) throw unsupported(path, op);
  const terms = args.map((a, i) => term(a, at(i), cx));
  const [a, b, c] = terms as [Term, Term, Term | undefined];
  if (!c) return compare(op, a, b, path, cx.d);
  return sql`(${compare(op, a, b, path, cx.d)} AND ${compare(op, b, c, path, cx.d)})`;
}

function isEmpty(t: Term, cx: SqlCx): Fragment {
  const d = cx.d;
  if (t.t === 'literal') return constant(d, isEmptyValue(t.value));
  const x = t.sql;
  if (t.kind === 'text') return sql`(${x} IS NULL OR ${x} = '')`;
  if (t.kind !== 'json') return sql`(${x} IS NULL)`;
  const type = d.jsonType(x);
  return sql`(${x} IS NULL OR (CASE WHEN ${type} = 'array' THEN ${d.jsonArrayLength(x)} = 0 WHEN ${type} = 'object' THEN ${d.jsonObjectIsEmpty(x)} ELSE ${d.false} END))`;
}

/** 1 when the key is missing in JS terms (null, absent or ''), for each literal key. */
function missingFlags(keys: unknown[], path: (i: number) => string, cx: SqlCx): Fragment[] {
  return keys.map((key, i) => {
    if (typeof key !== 'string' && typeof key !== 'number')
      throw new SqlUnsupported(path(i), 'logic.dynamicField', {});
    const t = term({ var: String(key) }, path(i), cx);
    if (t.t === 'literal')
      return constant(cx.d, t.value === null || t.value === undefined || t.value === '');
    return t.kind === 'text' ? sql`(${t.sql} IS NULL OR ${t.sql} = '')` : sql`(${t.sql} IS NULL)`;
  });
}

function missing(keys: unknown[], at: (i: number) => string, nested: boolean, cx: SqlCx): Fragment {
  if (keys.length === 0) return cx.d.false;
  const flags = missingFlags(keys, nested ? (i) => pointer(at(0), i) : at, cx);
  return sql`(${join(flags, ' OR ')})`;
}

function missingSome(args: unknown[], at: (i: number) => string, cx: SqlCx): Fragment {
  const [need, keys] = args;
  if (args.length !== 2 || typeof need !== 'number' || !Array.isArray(keys))
    throw unsupported(at(0), 'missing_some');
  if (keys.length === 0) return cx.d.false;
  const count = sql`(${join(
    missingFlags(keys, (i) => pointer(at(1), i), cx).map((f) => cx.d.flag(f)),
    ' + ',
  )})`;
  // JS: [] when present >= need, else the missing keys (truthy only when at least one is missing).
  return sql`((${keys.length} - ${count}) < ${need} AND ${count} > 0)`;
}
