/** A value or a promise of it: the SQLite executor answers synchronously, PostgreSQL's cannot. */
type Awaitable<T> = T | Promise<T>;

export type Row = Record<string, unknown>;

/**
 * How the shared repositories (this folder) talk to a database. Each adapter provides one over
 * its connection (or transaction). The SQL they pass is written to run on every dialect:
 * - `?` placeholders (an adapter may rewrite them, e.g. to `$1`);
 * - `INSERT ... ON CONFLICT (...) DO NOTHING | DO UPDATE SET c = excluded.c`, `RETURNING`;
 * - no `rowid`, no `IS ?`, no `INSERT OR ...`; booleans as 1/0 parameters;
 * - JSON values as text parameters (`JSON.stringify`).
 * Results: integers as JS numbers; JSON columns as text or parsed (mappers accept both);
 * booleans as 1/0 or true/false.
 */
export type SqlExec = {
  all<R = Row>(sql: string, params?: readonly unknown[]): Awaitable<R[]>;
  get<R = Row>(sql: string, params?: readonly unknown[]): Awaitable<R | undefined>;
  run(sql: string, params?: readonly unknown[]): Awaitable<{ changes: number }>;
};

/** A JSON column value to write (null stays null). */
export function toJson(v: unknown): string | null {
  return v === undefined || v === null ? null : JSON.stringify(v);
}

/** A JSON column value as read: text is parsed, an already parsed value passes through. */
export function fromJson<T>(v: unknown, fallback: T): T {
  if (v === null || v === undefined) return fallback;
  if (typeof v !== 'string') return v as T;
  try {
    return JSON.parse(v) as T;
  } catch {
    return fallback;
  }
}

/** A boolean column value as read (SQLite 0/1, PostgreSQL true/false). */
export function fromBool(v: unknown): boolean {
  return v === true || v === 1 || v === 1n || v === 't';
}

/** A number column value as read (PostgreSQL bigint may come as text). */
export function fromNum(v: unknown): number {
  return typeof v === 'number' ? v : Number(v);
}

/** Like fromNum, keeping null. */
export function fromNumOrNull(v: unknown): number | null {
  return v === null || v === undefined ? null : fromNum(v);
}

/** `?, ?, ?` for n values. */
export function marks(n: number): string {
  return Array.from({ length: n }, () => '?').join(', ');
}
