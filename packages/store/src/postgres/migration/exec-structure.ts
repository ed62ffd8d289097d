import { quoteIdent } from '../../entity/entity-table';
import type { MigrationStep } from '../../migration/types';
import { addColumnSql, pgType, searchTableName } from '../records/ddl';
import { dropPgTouchTriggersOn } from '../touch-triggers';
import { archiveValues, type PgExecCtx } from './context';
import { createEntityTable, ensureSearchTable, renameTable } from './entity-ddl';
import { liveColumns, managedIndexes } from './introspect';
import { storageClass } from '../records/ddl';

type Step<K extends MigrationStep['kind']> = Extract<MigrationStep, { kind: K }>;

function info(cx: PgExecCtx, entity: string) {
  const t = cx.tables.get(entity);
  if (!t) throw new Error(`entity ${entity} is not in the target spec`);
  return t;
}

function fieldColumn(cx: PgExecCtx, entity: string, field: string) {
  const col = info(cx, entity).columns[field];
  if (!col) throw new Error(`field ${entity}.${field} is not in the target spec`);
  return col;
}

export async function createEntity(cx: PgExecCtx, s: Step<'createEntity'>): Promise<void> {
  await createEntityTable(cx.x, info(cx, s.entity));
}

/** Brings an archived table back under its entity's name; columns are reconciled by later steps. */
export async function restoreEntity(cx: PgExecCtx, s: Step<'restoreEntity'>): Promise<void> {
  const t = info(cx, s.entity);
  await renameTable(cx.x, s.from, t.table);
  await ensureSearchTable(cx.x, t);
}

/** Keeps the table (renamed) so restoring the entity brings every record back. */
export async function archiveEntity(cx: PgExecCtx, s: Step<'archiveEntity'>): Promise<void> {
  const table = `e_${s.entity}`;
  for (const ix of await managedIndexes(cx.x, table))
    await cx.x.run(`DROP INDEX ${quoteIdent(ix.name)}`);
  // The search rows are rebuilt from the records when the entity comes back.
  await cx.x.run(`DROP TABLE IF EXISTS ${quoteIdent(searchTableName(table))}`);
  await renameTable(cx.x, table, s.to);
}

export async function addField(cx: PgExecCtx, s: Step<'addField'>): Promise<void> {
  const col = fieldColumn(cx, s.entity, s.field);
  await cx.x.run(addColumnSql(info(cx, s.entity).table, s.field, col));
}

/** Re-adds a removed field's column and copies its archived values back. */
export async function restoreField(cx: PgExecCtx, s: Step<'restoreField'>): Promise<void> {
  const t = info(cx, s.entity);
  const col = fieldColumn(cx, s.entity, s.field);
  await cx.x.run(addColumnSql(t.table, s.field, col));
  const type = pgType(col).replace(/ COLLATE "C"$/, '');
  // Archived values are what SQLite stored: text (JSON as text), numbers, 0/1.
  const value =
    type === 'boolean'
      ? `(a.value #>> '{}')::numeric <> 0`
      : type === 'text'
        ? `a.value #>> '{}'`
        : `CAST(a.value #>> '{}' AS ${type})`;
  const arch = "FROM field_archive a WHERE a.entity = ? AND a.field = ? AND a.reason = 'removed'";
  const table = quoteIdent(t.table);
  await cx.x.run(
    `UPDATE ${table} SET ${quoteIdent(s.field)} = (SELECT ${value} ${arch} AND a.record_id = ${table}.id ORDER BY a.id DESC LIMIT 1) WHERE id IN (SELECT a.record_id ${arch})`,
    [s.entity, s.field, s.entity, s.field],
  );
  await cx.x.run(
    "DELETE FROM field_archive WHERE entity = ? AND field = ? AND reason = 'removed'",
    [s.entity, s.field],
  );
}

/** Copies the column's values to field_archive, then drops the column (and its indexes). */
export async function archiveField(cx: PgExecCtx, s: Step<'archiveField'>): Promise<void> {
  const table = info(cx, s.entity).table;
  const live = (await liveColumns(cx.x, table)).find((c) => c.name === s.field);
  const sqlType = live ? storageClass(live.type) : 'text';
  const rows = await cx.x.all<{ id: string; raw: unknown }>(
    `SELECT id, ${quoteIdent(s.field)} AS raw FROM ${quoteIdent(table)} WHERE ${quoteIdent(s.field)} IS NOT NULL`,
  );
  await archiveValues(cx, s.entity, s.field, sqlType, 'removed', rows);
  await dropPgTouchTriggersOn(cx.x, s.entity, s.field);
  await cx.x.run(`ALTER TABLE ${quoteIdent(table)} DROP COLUMN ${quoteIdent(s.field)}`);
}
