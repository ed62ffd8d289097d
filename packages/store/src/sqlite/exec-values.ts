import { columnKind } from '../entity/column-types';
import { quoteIdent } from '../entity/entity-table';
import { convertValue } from '../migration/convert-value';
import type { MigrationStep } from '../migration/types';
import { decodeValue, encodeValue } from './codec';
import { addColumnSql } from './ddl';
import { dropIndexesOn } from './entity-ddl-exec';
import { liveColumns } from './introspect';
import type { ExecCtx } from './migration-exec';
import { archiveValues } from './migration-exec';

type Step<K extends MigrationStep['kind']> = Extract<MigrationStep, { kind: K }>;

function rawTable(x: ExecCtx, entity: string): string {
  const t = x.tables.get(entity);
  if (!t) throw new Error(`entity ${entity} is not in the target spec`);
  return t.table;
}

const tableOf = (x: ExecCtx, entity: string): string => quoteIdent(rawTable(x, entity));

function warningId(code: string, s: { entity: string; field: string }, option?: string): string {
  return `${code}:${s.entity}.${s.field}${option !== undefined ? `:${option}` : ''}`;
}

/**
 * Retypes a column: converts every value, archives the ones that do not convert (replaced by
 * the chosen default or cleared), and swaps in a column of the new storage class.
 */
export function convertField(x: ExecCtx, s: Step<'convertField'>): void {
  const table = tableOf(x, s.entity);
  const col = quoteIdent(s.field);
  const tmp = quoteIdent(`${s.field}__new`);
  const fromKind = columnKind(s.from);
  const toKind = columnKind(s.to);
  const r = x.resolutions[warningId('type_unconvertible', s)];
  const fallback = r?.kind === 'default' ? encodeValue(toKind, r.value) : null;
  const rows = x.db.sqlite
    .prepare(`SELECT id, ${col} AS raw FROM ${table} WHERE ${col} IS NOT NULL`)
    .all() as { id: string; raw: unknown }[];
  const sqlType =
    liveColumns(x.db, rawTable(x, s.entity)).find((c) => c.name === s.field)?.type ??
    fromKind.sqlType;
  const updates: [unknown, string][] = [];
  const failed: { id: string; raw: unknown }[] = [];
  for (const row of rows) {
    const conv = convertValue(decodeValue(fromKind, row.raw), s.from, s.to);
    const enc = conv.ok ? encodeValue(toKind, conv.value) : null;
    if (enc?.ok) {
      updates.push([enc.value, row.id]);
      continue;
    }
    failed.push(row);
    if (fallback?.ok) updates.push([fallback.value, row.id]);
  }
  if (failed.length > 0 && !r)
    throw new Error(
      `${failed.length} values of ${s.entity}.${s.field} do not convert and no resolution was chosen`,
    );
  archiveValues(x, s.entity, s.field, sqlType, 'retyped', failed);
  dropIndexesOn(x.db, rawTable(x, s.entity), s.field);
  x.db.sqlite.exec(addColumnSql(rawTable(x, s.entity), `${s.field}__new`, toKind.sqlType));
  const set = x.db.sqlite.prepare(`UPDATE ${table} SET ${tmp} = ? WHERE id = ?`);
  for (const [v, id] of updates) set.run(v, id);
  x.db.sqlite.exec(`ALTER TABLE ${table} DROP COLUMN ${col}`);
  x.db.sqlite.exec(`ALTER TABLE ${table} RENAME COLUMN ${tmp} TO ${col}`);
  x.summary.convertedValues += updates.length;
}

/** Moves records off a removed option (or clears it, archiving the old values). */
export function remapOption(x: ExecCtx, s: Step<'remapOption'>): void {
  const r = x.resolutions[warningId('option_removed', s, s.option)];
  if (!r || r.kind !== 'mapOption') return; // keepForOld: the records keep the old value
  const table = tableOf(x, s.entity);
  const col = quoteIdent(s.field);
  const multi = x.tables.get(s.entity)?.columns[s.field]?.field?.type === 'multiselect';
  if (!multi) {
    if (r.to === null) {
      const rows = x.db.sqlite
        .prepare(`SELECT id, ${col} AS raw FROM ${table} WHERE ${col} = ?`)
        .all(s.option) as { id: string; raw: unknown }[];
      archiveValues(x, s.entity, s.field, 'text', 'cleared', rows);
    }
    x.db.sqlite.prepare(`UPDATE ${table} SET ${col} = ? WHERE ${col} = ?`).run(r.to, s.option);
    return;
  }
  const rows = x.db.sqlite
    .prepare(
      `SELECT id, ${col} AS raw FROM ${table} WHERE json_valid(${col}) AND EXISTS (SELECT 1 FROM json_each(${col}) WHERE value = ?)`,
    )
    .all(s.option) as { id: string; raw: string }[];
  if (r.to === null) archiveValues(x, s.entity, s.field, 'text', 'cleared', rows);
  const set = x.db.sqlite.prepare(`UPDATE ${table} SET ${col} = ? WHERE id = ?`);
  for (const row of rows) {
    const values = (JSON.parse(row.raw) as string[])
      .map((v) => (v === s.option ? r.to : v))
      .filter((v): v is string => v !== null);
    const unique = [...new Set(values)];
    set.run(unique.length ? JSON.stringify(unique) : null, row.id);
  }
}

/** Gives existing live records without a value the chosen default (keepForOld leaves them empty). */
export function fillRequired(x: ExecCtx, s: Step<'fillRequired'>): void {
  const r = x.resolutions[warningId('required_missing', s)];
  if (!r || r.kind !== 'default') return;
  const field = x.plan.to.entities
    .find((e) => e.key === s.entity)
    ?.fields.find((f) => f.key === s.field);
  if (!field) return;
  const enc = encodeValue(columnKind(field), r.value);
  if (!enc.ok) throw new Error(`default for ${s.entity}.${s.field} does not fit the column`);
  const col = quoteIdent(s.field);
  const res = x.db.sqlite
    .prepare(
      `UPDATE ${tableOf(x, s.entity)} SET ${col} = ? WHERE deleted_at IS NULL AND (${col} IS NULL OR ${col} IN ('', '[]'))`,
    )
    .run(enc.value);
  x.summary.filledValues += res.changes;
}
