import type { StoreDb } from '../db/open-database';
import { quoteIdent } from '../entity/entity-table';

export type LiveColumn = { name: string; type: string };

export function tableExists(db: StoreDb, name: string): boolean {
  return (
    db.sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !==
    undefined
  );
}

/** Columns of a table as they are in the database (not as the spec says). */
export function liveColumns(db: StoreDb, table: string): LiveColumn[] {
  return (
    db.sqlite.prepare(`PRAGMA table_info(${quoteIdent(table)})`).all() as {
      name: string;
      type: string;
    }[]
  ).map((c) => ({ name: c.name, type: c.type.toLowerCase() }));
}

/** Names of the managed indexes (prefix ix_<table>__) on a table. */
export function managedIndexes(db: StoreDb, table: string): { name: string; sql: string }[] {
  return db.sqlite
    .prepare(
      "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND name LIKE ? ESCAPE '\\'",
    )
    .all(table, `ix\\_${table.replace(/_/g, '\\_')}\\_\\_%`) as { name: string; sql: string }[];
}
