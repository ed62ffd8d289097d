import { operationOf } from '../compile';
import { pointer } from '../errors';
import { customOperators } from '../operators/custom';
import { parseDurationParts } from '../duration';
import { readPath } from '../truthy';
import type { EvalContext, SqlColumn, SqlColumnType, SqlOptions } from '../types';
import type { SqlDialect } from './dialect';
import type { Fragment } from './fragment';
import { SqlUnsupported, raw, sql } from './fragment';

/** The JS type a column's non-null values have in the engine. */
export type Kind = 'text' | 'number' | 'boolean' | 'json';

/** A compiled value: known at compile time, or an SQL expression that is NULL exactly when the JS value is null. */
export type Term =
  | { t: 'literal'; value: unknown }
  | { t: 'dynamic'; kind: Kind; sql: Fragment; colType: SqlColumnType | 'computed' };

export type SqlCx = {
  columns: Record<string, SqlColumn>;
  ctx: EvalContext;
  now: number;
  /** What differs per database (placeholders, JSON, substrings, dates, booleans). */
  d: SqlDialect;
  stageMoves?: SqlOptions['stageMoves'];
  locale?: 'zh-CN' | 'en';
};

const KIND: Record<SqlColumnType, Kind> = {
  text: 'text',
  date: 'text',
  number: 'number',
  integer: 'number',
  datetime: 'number',
  boolean: 'boolean',
  json: 'json',
};

export const unsupported = (path: string, operator: string) =>
  new SqlUnsupported(path, 'logic.notInSqlSubset', { operator });
export const mismatch = (path: string, detail: string) =>
  new SqlUnsupported(path, 'logic.sqlTypeMismatch', { detail });

/** Argument path helper matching check(): unary shorthand has no index. */
export function argPaths(expr: unknown, path: string): (i: number) => string {
  const op = operationOf(expr)?.op as string;
  const isArray = Array.isArray((expr as Record<string, unknown>)[op]);
  return (i) => (isArray ? pointer(pointer(path, op), i) : pointer(path, op));
}

const literal = (value: unknown): Term => ({ t: 'literal', value });

const TERM_ARITY: Record<string, [number, number]> = {
  var: [0, 2],
  now: [0, 0],
  daysSince: [1, 1],
  hoursSince: [1, 1],
  addDuration: [2, 2],
  startOf: [1, 2],
  length: [1, 1],
};

/** Compiles a value-producing expression of the SQL subset. */
export function term(expr: unknown, path: string, cx: SqlCx): Term {
  if (Array.isArray(expr)) {
    const items = expr.map((e, i) => term(e, pointer(path, i), cx));
    if (items.every((x) => x.t === 'literal'))
      return literal(items.map((x) => (x as { value: unknown }).value));
    throw unsupported(path, 'array of fields');
  }
  const operation = operationOf(expr);
  if (!operation) return literal(expr);
  const { op, args } = operation;
  const at = argPaths(expr, path);
  // evaluate runs every argument, so SQL must not silently drop extra ones.
  const arity = TERM_ARITY[op];
  if (arity !== undefined && (args.length < arity[0] || args.length > arity[1]))
    throw unsupported(path, op);
  switch (op) {
    case 'var':
      return variable(args, path, at, cx);
    case 'now':
      return literal(cx.now);
    case 'daysSince':
    case 'hoursSince':
      return since(op, term(args[0], at(0), cx), at(0), cx);
    case 'addDuration':
      return plusDuration(term(args[0], at(0), cx), term(args[1], at(1), cx), at(0), cx);
    case 'length':
      return length(term(args[0], at(0), cx), at(0), cx);
    case 'startOf':
      return periodStart(args, path, at, cx);
    default:
      throw unsupported(path, op);
  }
}

function variable(args: unknown[], path: string, at: (i: number) => string, cx: SqlCx): Term {
  const [key, def] = args;
  if (typeof key !== 'string' || key === '')
    throw new SqlUnsupported(path, 'logic.dynamicField', {});
  if (key === '$user' || key.startsWith('$user.')) {
    const v = key === '$user' ? cx.ctx.user : readPath(cx.ctx.user, key.slice(6));
    return literal(v ?? (def === undefined ? null : def));
  }
  if (key.startsWith('$previous')) throw unsupported(path, '$previous');
  const col = Object.hasOwn(cx.columns, key) ? cx.columns[key] : undefined;
  if (!col || !Object.hasOwn(KIND, col.type))
    throw new SqlUnsupported(path, 'logic.sqlUnknownColumn', { field: key });
  const kind = KIND[col.type];
  // Booleans are compared as numbers (JS ToNumber); PostgreSQL keeps them as booleans.
  const column = col.type === 'boolean' ? cx.d.booleanNumber(raw(col.column)) : raw(col.column);
  if (def === undefined || def === null)
    return { t: 'dynamic', kind, sql: column, colType: col.type };
  const defKind =
    typeof def === 'string'
      ? 'text'
      : typeof def === 'number'
        ? 'number'
        : typeof def === 'boolean'
          ? 'boolean'
          : null;
  if (defKind !== kind) throw mismatch(at(1), `default ${JSON.stringify(def)} for ${key}`);
  return { t: 'dynamic', kind, sql: sql`COALESCE(${column}, ${def})`, colType: col.type };
}

function since(op: 'daysSince' | 'hoursSince', arg: Term, path: string, cx: SqlCx): Term {
  const unit = op === 'daysSince' ? '86400000.0' : '3600000.0';
  if (arg.t === 'literal')
    return literal(
      customOperators[op]?.([arg.value], { data: null, record: null, ctx: cx.ctx, now: cx.now }),
    );
  const ms = epochMs(arg, path, cx);
  return {
    t: 'dynamic',
    kind: 'number',
    sql: sql`(${cx.d.minusAsDouble(sql`${cx.now}`, ms)} / ${raw(unit)})`,
    colType: 'computed',
  };
}

/** Epoch ms of a datetime/number column, or of a 'YYYY-MM-DD' date column read as UTC midnight. */
function epochMs(arg: Term & { t: 'dynamic' }, path: string, cx: SqlCx): Fragment {
  if (arg.kind === 'number') return arg.sql;
  if (arg.colType === 'date') return cx.d.dateToEpochMs(arg.sql);
  throw mismatch(path, `a ${arg.colType} field used as a date`);
}

function plusDuration(base: Term, duration: Term, path: string, cx: SqlCx): Term {
  if (base.t === 'literal' && duration.t === 'literal') {
    return literal(
      customOperators.addDuration?.([base.value, duration.value], {
        data: null,
        record: null,
        ctx: cx.ctx,
        now: cx.now,
      }),
    );
  }
  if (duration.t !== 'literal') throw unsupported(path, 'addDuration');
  const parts = parseDurationParts(duration.value);
  if (!parts) return literal(null);
  if (base.t !== 'dynamic' || parts.years !== 0 || parts.months !== 0)
    throw mismatch(path, 'calendar months or years added to a field');
  return {
    t: 'dynamic',
    kind: 'number',
    sql: sql`(${epochMs(base, path, cx)} + ${parts.sign * parts.ms})`,
    colType: 'computed',
  };
}

function length(arg: Term, path: string, cx: SqlCx): Term {
  if (arg.t === 'literal')
    return literal(
      customOperators.length?.([arg.value], { data: null, record: null, ctx: cx.ctx, now: cx.now }),
    );
  if (arg.kind === 'text')
    return {
      t: 'dynamic',
      kind: 'number',
      sql: sql`COALESCE(length(${arg.sql}), 0)`,
      colType: 'computed',
    };
  if (arg.kind === 'json') {
    const s = sql`(CASE WHEN ${arg.sql} IS NULL THEN 0 WHEN ${cx.d.jsonType(arg.sql)} = 'array' THEN ${cx.d.jsonArrayLength(arg.sql)} ELSE NULL END)`;
    return { t: 'dynamic', kind: 'number', sql: s, colType: 'computed' };
  }
  throw mismatch(path, `length of a ${arg.colType} field`);
}

/** `startOf` of a known instant (now, a literal) is a constant; of a field it is not SQL here. */
function periodStart(args: unknown[], path: string, at: (i: number) => string, cx: SqlCx): Term {
  const terms = args.map((a, i) => term(a, at(i), cx));
  if (terms.some((t) => t.t !== 'literal')) throw unsupported(path, 'startOf');
  return literal(
    customOperators.startOf?.(
      terms.map((t) => (t as { value: unknown }).value),
      { data: null, record: null, ctx: cx.ctx, now: cx.now },
    ),
  );
}
