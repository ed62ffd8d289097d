import type Database from 'better-sqlite3';
import type { SqlExec } from '../sql/exec';

const caches = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/** A prepared statement for `sql` on this connection, compiled once (preparing costs more than running). */
export function prepared(db: Database.Database, sql: string): Database.Statement {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  let s = cache.get(sql);
  if (!s) cache.set(sql, (s = db.prepare(sql)));
  return s;
}

// better-sqlite3 refuses `undefined`; the repositories mean NULL by it.
function bind(params: readonly unknown[] | undefined): unknown[] {
  if (!params) return [];
  const out = new Array<unknown>(params.length);
  for (let i = 0; i < params.length; i++) out[i] = params[i] === undefined ? null : params[i];
  return out;
}

/** Runs a write on this connection through the statement cache the repositories use. */
export function runPrepared(db: Database.Database, sql: string, params: readonly unknown[]): void {
  prepared(db, sql).run(...bind(params));
}

/** Runs an INSERT on this connection and answers the new row's rowid (its INTEGER PRIMARY KEY). */
export function insertRowid(
  db: Database.Database,
  sql: string,
  params: readonly unknown[],
): number {
  return Number(prepared(db, sql).run(...bind(params)).lastInsertRowid);
}

/** The shared repositories' executor over one better-sqlite3 connection (answers synchronously). */
export function sqliteExec(db: () => Database.Database): SqlExec {
  return {
    all: <R>(sql: string, params?: readonly unknown[]) =>
      prepared(db(), sql).all(...bind(params)) as R[],
    get: <R>(sql: string, params?: readonly unknown[]) =>
      prepared(db(), sql).get(...bind(params)) as R | undefined,
    run: (sql, params) => ({ changes: prepared(db(), sql).run(...bind(params)).changes }),
  };
}
