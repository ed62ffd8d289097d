import type { Fragment } from './fragment';
import { raw, sql } from './fragment';

export type SqlDialectName = 'sqlite' | 'postgres';

/** The calendar units `timeBucket` truncates to. */
export type TimeUnit = 'day' | 'week' | 'month' | 'year';

/**
 * Everything the SQL compiler (and the store's reports) writes differently per database, in
 * one table. Each entry takes and returns fragments; the compiler itself is dialect-neutral.
 * Predicates are SQLite integers 0/1 and PostgreSQL booleans: both work in WHERE, CASE and NOT.
 */
export type SqlDialect = {
  readonly name: SqlDialectName;
  /** Parameters are `$1`, `$2`, … (PostgreSQL) rather than `?` (SQLite). */
  readonly numbered: boolean;
  /** Text after a parameter's placeholder that types it from its JS value (PostgreSQL casts). */
  cast(value: unknown): string;
  /** Constant predicates. */
  readonly true: Fragment;
  readonly false: Fragment;
  /** 1 where the predicate holds, else 0 (to count predicates). */
  flag(p: Fragment): Fragment;
  /** A boolean column as the number JS compares it as (false 0, true 1). */
  booleanNumber(x: Fragment): Fragment;
  /** `x` for ordering comparisons: code point (byte) order, as JS and SQLite's BINARY compare. */
  codePointOrder(x: Fragment): Fragment;
  /** 1-based position of `needle` in `haystack`, 0 when absent (taken literally, no wildcards). */
  position(haystack: Fragment, needle: Fragment): Fragment;
  /** Subtraction that yields a double, so divisions match JS arithmetic. */
  minusAsDouble(a: Fragment, b: Fragment): Fragment;
  /** A 'YYYY-MM-DD' text column as epoch ms of UTC midnight. */
  dateToEpochMs(x: Fragment): Fragment;
  /** 'array', 'object' (or another name) for a JSON column value. */
  jsonType(x: Fragment): Fragment;
  /** Length of a JSON array value (only evaluated where `jsonType` is 'array'). */
  jsonArrayLength(x: Fragment): Fragment;
  /** True where a JSON object value has no keys (only evaluated for objects). */
  jsonObjectIsEmpty(x: Fragment): Fragment;
  /** True where a JSON array value holds `value` (=== on scalars; arrays only). */
  jsonArrayHas(x: Fragment, value: string | number | boolean | null): Fragment;
  /**
   * The start of the calendar `unit` containing the epoch-ms instant `ms`, as 'YYYY-MM-DD', in a
   * fixed UTC offset (minutes east of UTC; Asia/Shanghai is 480). Weeks start on Monday.
   */
  timeBucket(ms: Fragment, unit: TimeUnit, offsetMinutes: number): Fragment;
};

const int = (n: number): string => {
  if (!Number.isSafeInteger(n)) throw new Error(`not an integer: ${n}`);
  return String(n);
};

const SQLITE_TYPES: Record<string, string> = {
  null: `type = 'null'`,
  true: `type = 'true'`,
  false: `type = 'false'`,
};

export const sqliteDialect: SqlDialect = {
  name: 'sqlite',
  numbered: false,
  cast: () => '',
  true: raw('1'),
  false: raw('0'),
  flag: (p) => p,
  booleanNumber: (x) => x,
  codePointOrder: (x) => x,
  position: (h, n) => sql`instr(${h}, ${n})`,
  minusAsDouble: (a, b) => sql`(${a} - ${b})`,
  dateToEpochMs: (x) => sql`(CAST(strftime('%s', ${x}) AS INTEGER) * 1000)`,
  jsonType: (x) => sql`json_type(${x})`,
  jsonArrayLength: (x) => sql`json_array_length(${x})`,
  jsonObjectIsEmpty: (x) => sql`NOT EXISTS (SELECT 1 FROM json_each(${x}))`,
  jsonArrayHas(x, v) {
    const test =
      v === null || typeof v === 'boolean'
        ? raw(SQLITE_TYPES[String(v)] as string)
        : typeof v === 'number'
          ? sql`type IN ('integer', 'real') AND value = ${v}`
          : sql`type = 'text' AND value = ${v}`;
    return sql`EXISTS (SELECT 1 FROM json_each(${x}) WHERE ${test})`;
  },
  timeBucket(ms, unit, offset) {
    const local = sql`datetime((${ms}) / 1000 + ${raw(int(offset * 60))}, 'unixepoch')`;
    if (unit === 'day') return sql`date(${local})`;
    if (unit === 'month') return sql`date(${local}, 'start of month')`;
    if (unit === 'year') return sql`date(${local}, 'start of year')`;
    // 'weekday 1' moves forward to the next Monday (or stays on one): go back 6 days first.
    return sql`date(${local}, '-6 days', 'weekday 1')`;
  },
};

/** PostgreSQL types parameters from their context; a JS value's own type avoids surprises. */
function pgCast(value: unknown): string {
  if (typeof value === 'string') return '::text';
  if (typeof value === 'number')
    return Number.isSafeInteger(value) ? '::bigint' : '::double precision';
  return '';
}

export const postgresDialect: SqlDialect = {
  name: 'postgres',
  numbered: true,
  cast: pgCast,
  true: raw('TRUE'),
  false: raw('FALSE'),
  flag: (p) => sql`(CASE WHEN ${p} THEN 1 ELSE 0 END)`,
  booleanNumber: (x) => sql`CAST(${x} AS integer)`,
  // The database's default collation may be linguistic ('a' < 'B'); "C" compares UTF-8 bytes.
  codePointOrder: (x) => sql`(${x} COLLATE "C")`,
  position: (h, n) => sql`strpos(${h}, ${n})`,
  minusAsDouble: (a, b) => sql`(CAST(${a} AS double precision) - ${b})`,
  dateToEpochMs: (x) => sql`((CAST(${x} AS date) - DATE '1970-01-01') * CAST(86400000 AS bigint))`,
  jsonType: (x) => sql`jsonb_typeof(${x})`,
  jsonArrayLength: (x) => sql`jsonb_array_length(${x})`,
  jsonObjectIsEmpty: (x) => sql`${x} = '{}'::jsonb`,
  jsonArrayHas: (x, v) => sql`${x} @> CAST(${JSON.stringify([v])} AS jsonb)`,
  timeBucket(ms, unit, offset) {
    const local = sql`(to_timestamp((${ms}) / 1000.0) AT TIME ZONE 'UTC' + ${raw(`interval '${int(offset)} minutes'`)})`;
    return sql`to_char(date_trunc('${raw(unit)}', ${local}), 'YYYY-MM-DD')`;
  },
};

export const sqlDialects: Record<SqlDialectName, SqlDialect> = {
  sqlite: sqliteDialect,
  postgres: postgresDialect,
};
