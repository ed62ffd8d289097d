import { columnKind } from '../../entity/column-types';
import { quoteIdent } from '../../entity/entity-table';
import { convertValue } from '../../migration/convert-value';
import type { MigrationStep } from '../../migration/types';
import { addColumnSql, pgType, storageClass } from '../records/ddl';
import { toPg } from '../records/codec';
import { dropPgTouchTriggersOn } from '../touch-triggers';
import { archiveValues, setMany, type PgExecCtx } from './context';
import { liveColumns } from './introspect';
import { engineValue } from './schema-probe';

type Step<K extends MigrationStep['kind']> = Extract<MigrationStep, { kind: K }>;

function tableOf(cx: PgExecCtx, entity: string): string {
  const t = cx.tables.get(entity);
  if (!t) throw new Error(`entity ${entity} is not in the target spec`);
  return t.table;
}

function warningId(code: string, s: { entity: string; field: string }, option?: string): string {
  return `${code}:${s.entity}.${s.field}${option !== undefined ? `:${option}` : ''}`;
}

/** jsonb parameters travel as JSON text. */
const param = (type: string, v: unknown) =>
  type === 'jsonb' && v !== null ? JSON.stringify(JSON.parse(String(v))) : v;

/**
 * Retypes a column: converts every value, archives the ones that do not convert (replaced by
 * the chosen default or cleared), and swaps in a column of the new type.
 */
export async function convertField(cx: PgExecCtx, s: Step<'convertField'>): Promise<void> {
  const raw = tableOf(cx, s.entity);
  const table = quoteIdent(raw);
  const col = quoteIdent(s.field);
  const fromKind = columnKind(s.from);
  const toKind = columnKind(s.to);
  const r = cx.resolutions[warningId('type_unconvertible', s)];
  const fallback = r?.kind === 'default' ? toPg(toKind, r.value) : null;
  const rows = await cx.x.all<{ id: string; raw: unknown }>(
    `SELECT id, ${col} AS raw FROM ${table} WHERE ${col} IS NOT NULL`,
  );
  const live = (await liveColumns(cx.x, raw)).find((c) => c.name === s.field);
  const sqlType = live ? storageClass(live.type) : fromKind.sqlType;
  const type = pgType(toKind).replace(/ COLLATE "C"$/, '');
  const updates: [string, unknown][] = [];
  const failed: { id: string; raw: unknown }[] = [];
  for (const row of rows) {
    const conv = convertValue(engineValue(fromKind, row.raw), s.from, s.to);
    const enc = conv.ok ? toPg(toKind, conv.value) : null;
    if (enc?.ok) {
      updates.push([row.id, param(type, enc.value)]);
      continue;
    }
    failed.push(row);
    if (fallback?.ok) updates.push([row.id, param(type, fallback.value)]);
  }
  if (failed.length > 0 && !r)
    throw new Error(
      `${failed.length} values of ${s.entity}.${s.field} do not convert and no resolution was chosen`,
    );
  await archiveValues(cx, s.entity, s.field, sqlType, 'retyped', failed);
  const tmp = `${s.field}__new`;
  await cx.x.run(addColumnSql(raw, tmp, toKind));
  await setMany(cx, table, quoteIdent(tmp), pgType(toKind), updates);
  await dropPgTouchTriggersOn(cx.x, s.entity, s.field);
  await cx.x.run(`ALTER TABLE ${table} DROP COLUMN ${col}`);
  await cx.x.run(`ALTER TABLE ${table} RENAME COLUMN ${quoteIdent(tmp)} TO ${col}`);
  cx.summary.convertedValues += updates.length;
}

/** Moves records off a removed option (or clears it, archiving the old values). */
export async function remapOption(cx: PgExecCtx, s: Step<'remapOption'>): Promise<void> {
  const r = cx.resolutions[warningId('option_removed', s, s.option)];
  if (!r || r.kind !== 'mapOption') return; // keepForOld: the records keep the old value
  const table = quoteIdent(tableOf(cx, s.entity));
  const col = quoteIdent(s.field);
  const multi = cx.tables.get(s.entity)?.columns[s.field]?.field?.type === 'multiselect';
  if (!multi) {
    if (r.to === null) {
      const rows = await cx.x.all<{ id: string; raw: unknown }>(
        `SELECT id, ${col} AS raw FROM ${table} WHERE ${col} = ?`,
        [s.option],
      );
      await archiveValues(cx, s.entity, s.field, 'text', 'cleared', rows);
    }
    await cx.x.run(`UPDATE ${table} SET ${col} = ? WHERE ${col} = ?`, [r.to, s.option]);
    return;
  }
  const rows = await cx.x.all<{ id: string; raw: unknown }>(
    `SELECT id, ${col} AS raw FROM ${table} WHERE jsonb_typeof(${col}) = 'array' AND ${col} @> jsonb_build_array(?::text)`,
    [s.option],
  );
  if (r.to === null) await archiveValues(cx, s.entity, s.field, 'text', 'cleared', rows);
  const updates = rows.map((row): [string, unknown] => {
    const values = (row.raw as string[])
      .map((v) => (v === s.option ? r.to : v))
      .filter((v): v is string => v !== null);
    const unique = [...new Set(values)];
    return [row.id, unique.length ? JSON.stringify(unique) : null];
  });
  await setMany(cx, table, col, 'jsonb', updates);
}

/** Gives existing live records without a value the chosen default (keepForOld leaves them empty). */
export async function fillRequired(cx: PgExecCtx, s: Step<'fillRequired'>): Promise<void> {
  const r = cx.resolutions[warningId('required_missing', s)];
  if (!r || r.kind !== 'default') return;
  const field = cx.plan.to.entities
    .find((e) => e.key === s.entity)
    ?.fields.find((f) => f.key === s.field);
  if (!field) return;
  const kind = columnKind(field);
  const enc = toPg(kind, r.value);
  if (!enc.ok) throw new Error(`default for ${s.entity}.${s.field} does not fit the column`);
  const col = quoteIdent(s.field);
  const res = await cx.x.run(
    `UPDATE ${quoteIdent(tableOf(cx, s.entity))} SET ${col} = ? WHERE deleted_at IS NULL AND (${col} IS NULL OR CAST(${col} AS text) IN ('', '[]'))`,
    [enc.value],
  );
  cx.summary.filledValues += res.changes;
}
