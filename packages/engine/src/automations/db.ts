import type { Database, Statement } from 'better-sqlite3';

/**
 * The part of @trellis/store's StoreDb automations use: the raw driver for system-table SQL,
 * the transaction helper (savepoints when nested) and, when the store offers it, a way to run
 * nested transactions without savepoints (see `StoreDb.flattened`).
 */
export type Db = {
  sqlite: Database;
  transaction<T>(fn: () => T): T;
  flattened?<T>(fn: () => T): { value: T; broken: boolean };
};

/** Parses a JSON column, tolerating null and already-parsed values. */
export function parseJson<T>(v: unknown, fallback: T): T {
  if (v === null || v === undefined) return fallback;
  if (typeof v !== 'string') return v as T;
  try {
    return JSON.parse(v) as T;
  } catch {
    return fallback;
  }
}

const statements = new WeakMap<Database, Map<string, Statement>>();

/** A prepared statement for `sql`, compiled once per connection (preparing costs more than running). */
export function stmt(db: Db, sql: string): Statement {
  let cache = statements.get(db.sqlite);
  if (!cache) statements.set(db.sqlite, (cache = new Map()));
  let st = cache.get(sql);
  if (!st) cache.set(sql, (st = db.sqlite.prepare(sql)));
  return st;
}

/**
 * Runs `fn` in a transaction that takes the write lock at once (BEGIN IMMEDIATE; a savepoint
 * when nested). Another process's writes then make us wait (busy_timeout) instead of failing
 * with SQLITE_BUSY when a read-started transaction tries to write.
 */
export function writeTransaction<T>(db: Db, fn: () => T): T {
  return db.sqlite.inTransaction ? db.transaction(fn) : db.sqlite.transaction(fn).immediate();
}
