import type Database from 'better-sqlite3';
import type { StoreDb } from '../db/open-database';
import type { EntityTableInfo } from '../entity/entity-table';
import type { StoreLocale } from '../messages';

/** Shared state of one SQLite record store: the tables of the spec and a prepared-statement cache. */
export type SqliteCtx = {
  db: StoreDb;
  locale: StoreLocale;
  tables: Map<string, EntityTableInfo>;
  stmt(sql: string): Database.Statement;
};

export function createCtx(
  db: StoreDb,
  tables: Map<string, EntityTableInfo>,
  locale: StoreLocale,
): SqliteCtx {
  const cache = new Map<string, Database.Statement>();
  return {
    db,
    locale,
    tables,
    stmt(sql) {
      let s = cache.get(sql);
      if (!s) {
        s = db.sqlite.prepare(sql);
        cache.set(sql, s);
      }
      return s;
    },
  };
}
