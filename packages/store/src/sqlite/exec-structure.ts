import { quoteIdent, searchTables } from '../entity/entity-table';
import type { MigrationStep } from '../migration/types';
import { addColumnSql } from './ddl';
import { createEntityTable, dropIndexesOn, ensureSearchTable } from './entity-ddl-exec';
import { liveColumns, managedIndexes, tableExists } from './introspect';
import type { ExecCtx } from './migration-exec';
import { archiveValues } from './migration-exec';

type Step<K extends MigrationStep['kind']> = Extract<MigrationStep, { kind: K }>;

function info(x: ExecCtx, entity: string) {
  const t = x.tables.get(entity);
  if (!t) throw new Error(`entity ${entity} is not in the target spec`);
  return t;
}

export function createEntity(x: ExecCtx, s: Step<'createEntity'>): void {
  createEntityTable(x.db, info(x, s.entity));
}

/** Brings an archived table back under its entity's name; columns are reconciled by later steps. */
export function restoreEntity(x: ExecCtx, s: Step<'restoreEntity'>): void {
  const t = info(x, s.entity);
  x.db.sqlite.exec(`ALTER TABLE ${quoteIdent(s.from)} RENAME TO ${quoteIdent(t.table)}`);
  ensureSearchTable(x.db, t);
}

/** Keeps the table (renamed) so restoring the entity brings every record back. */
export function archiveEntity(x: ExecCtx, s: Step<'archiveEntity'>): void {
  const table = `e_${s.entity}`;
  for (const ix of managedIndexes(x.db, table))
    x.db.sqlite.exec(`DROP INDEX ${quoteIdent(ix.name)}`);
  // The search index is rebuilt from the records when the entity comes back.
  const search = searchTables(table);
  if (tableExists(x.db, search.ftsTable))
    x.db.sqlite.exec(`DROP TABLE ${quoteIdent(search.ftsTable)}`);
  x.db.sqlite.exec(`DROP TABLE IF EXISTS ${quoteIdent(search.searchPendingTable)}`);
  x.db.sqlite.exec(`ALTER TABLE ${quoteIdent(table)} RENAME TO ${quoteIdent(s.to)}`);
}

export function addField(x: ExecCtx, s: Step<'addField'>): void {
  x.db.sqlite.exec(addColumnSql(info(x, s.entity).table, s.field, s.sqlType));
}

/** Re-adds a removed field's column and copies its archived values back. */
export function restoreField(x: ExecCtx, s: Step<'restoreField'>): void {
  const t = info(x, s.entity);
  x.db.sqlite.exec(addColumnSql(t.table, s.field, s.sqlType));
  const arch = "FROM field_archive a WHERE a.entity = ? AND a.field = ? AND a.reason = 'removed'";
  x.db.sqlite
    .prepare(
      `UPDATE ${quoteIdent(t.table)} SET ${quoteIdent(s.field)} = (SELECT a.value ${arch} AND a.record_id = ${quoteIdent(t.table)}.id ORDER BY a.id DESC LIMIT 1) WHERE id IN (SELECT a.record_id ${arch})`,
    )
    .run(s.entity, s.field, s.entity, s.field);
  x.db.sqlite
    .prepare("DELETE FROM field_archive WHERE entity = ? AND field = ? AND reason = 'removed'")
    .run(s.entity, s.field);
}

/** Copies the column's values to field_archive, then drops the column. */
export function archiveField(x: ExecCtx, s: Step<'archiveField'>): void {
  const table = info(x, s.entity).table;
  const sqlType = liveColumns(x.db, table).find((c) => c.name === s.field)?.type ?? 'text';
  const rows = x.db.sqlite
    .prepare(
      `SELECT id, ${quoteIdent(s.field)} AS raw FROM ${quoteIdent(table)} WHERE ${quoteIdent(s.field)} IS NOT NULL`,
    )
    .all() as { id: string; raw: unknown }[];
  archiveValues(x, s.entity, s.field, sqlType, 'removed', rows);
  dropIndexesOn(x.db, table, s.field);
  x.db.sqlite.exec(`ALTER TABLE ${quoteIdent(table)} DROP COLUMN ${quoteIdent(s.field)}`);
}
