import type { StoreDb } from '../db/open-database';
import type { EntityTableInfo } from '../entity/entity-table';
import { quoteIdent } from '../entity/entity-table';
import { createFtsSql, createIndexSql, createSearchPendingSql, createTableSql } from './ddl';
import { managedIndexes, tableExists } from './introspect';
import { ensureReportTriggers } from './report-triggers';
import { dropTouchTriggersOn, ensureTouchTriggers } from './touch-triggers';

/** Creates the table, its search index, its indexes and its report triggers. */
export function createEntityTable(db: StoreDb, info: EntityTableInfo): void {
  db.sqlite.exec(createTableSql(info));
  ensureSearchTable(db, info);
  syncIndexes(db, info);
  ensureReportTriggers(db, info);
  ensureTouchTriggers(db, info);
}

/** The search index of an entity and the table of text waiting for it. */
export function ensureSearchTable(db: StoreDb, info: EntityTableInfo): void {
  if (!tableExists(db, info.ftsTable)) db.sqlite.exec(createFtsSql(info.ftsTable));
  if (!tableExists(db, info.searchPendingTable))
    db.sqlite.exec(createSearchPendingSql(info.searchPendingTable));
}

/** The indexes SQLite makes (PostgreSQL's data health index is its alone). */
const sqliteIndexes = (info: EntityTableInfo) => info.indexes.filter((d) => !d.pgOnly);

/** Makes the managed indexes of a table exactly the ones the spec asks for (indexes hold no data). */
export function syncIndexes(db: StoreDb, info: EntityTableInfo): void {
  const wanted = new Map(
    sqliteIndexes(info).map((d) => [d.name, createIndexSql(info.table, d)] as const),
  );
  for (const ix of managedIndexes(db, info.table)) {
    // Recreate when the definition changed (e.g. a different column list).
    const want = wanted.get(ix.name);
    if (!want || want.replace(' IF NOT EXISTS', '') !== ix.sql)
      db.sqlite.exec(`DROP INDEX ${quoteIdent(ix.name)}`);
  }
  for (const sql of wanted.values()) db.sqlite.exec(sql);
}

/**
 * An existing table's indexes over system columns, made as this version defines them (a
 * definition that changed is rebuilt: the owner index gained last_activity_at, and the columns
 * data health reads when a widget asks: health-columns.ts), and the attribution indexes the
 * spec's widgets ask for (attribution-columns.ts), dropped when none asks any more, and a list
 * index's tail of the fields such a read sums (one led by that field alone). Indexes led by field
 * columns are otherwise left to spec migrations. The table may not hold a spec's new
 * field yet: an attribution index naming one waits for the migration that adds it, and a tail
 * is made of the columns the table holds (the owner index without that data health column still
 * serves stale follow-ups and a rep's funnel; the migration's syncIndexes adds it after).
 */
export function syncSystemIndexes(db: StoreDb, info: EntityTableInfo): void {
  const system = new Set(info.systemColumns.map((c) => c.name));
  const present = new Set(
    (
      db.sqlite.prepare(`SELECT name FROM pragma_table_info(?)`).all(info.table) as {
        name: string;
      }[]
    ).map((c) => c.name),
  );
  const have = new Map(managedIndexes(db, info.table).map((ix) => [ix.name, ix.sql]));
  const wanted = sqliteIndexes(info);
  for (const def of wanted) {
    // A field's list index with a tail (an attribution read's summed fields, entity-table.ts)
    // is brought to its definition here too, once the table holds its field.
    const made =
      def.sqliteOnly || def.sqliteTail
        ? def.columns.every((c) => present.has(c))
        : def.columns.every((c) => system.has(c));
    if (!made) continue;
    const tail = def.sqliteTail?.filter((c) => present.has(c));
    const want = createIndexSql(info.table, { ...def, ...(tail ? { sqliteTail: tail } : {}) });
    const sql = have.get(def.name);
    if (sql === want.replace(' IF NOT EXISTS', '')) continue;
    if (sql !== undefined) db.sqlite.exec(`DROP INDEX ${quoteIdent(def.name)}`);
    db.sqlite.exec(want);
    // Dropping the index dropped its statistics: without them the planner guesses for it.
    db.sqlite.exec(`ANALYZE ${quoteIdent(def.name)}`);
  }
  const attribution = `ix_${info.table}__attr_`;
  for (const name of have.keys())
    if (name.startsWith(attribution) && !wanted.some((d) => d.name === name))
      db.sqlite.exec(`DROP INDEX ${quoteIdent(name)}`);
}

/**
 * Drops the managed indexes and first-touch triggers that mention `column` (SQLite refuses to
 * drop or rename an indexed column, or one a trigger names).
 */
export function dropIndexesOn(db: StoreDb, table: string, column: string): void {
  dropTouchTriggersOn(db, table, column);
  for (const ix of managedIndexes(db, table)) {
    if (ix.sql.includes(quoteIdent(column))) db.sqlite.exec(`DROP INDEX ${quoteIdent(ix.name)}`);
  }
}
