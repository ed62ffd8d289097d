import type { ColumnInfo, EntityTableInfo } from '../entity/entity-table';
import type { StoredRecord } from '../api/records';

/** Why a value cannot be stored in a column: the storage class it should have had. */
export type EncodeError = { expected: string };

const EXPECTED: Record<string, string> = {
  text: 'string',
  real: 'number',
  integer: 'integer',
  boolean: 'boolean',
  json: 'JSON value',
};

/** Engine value -> column value. Returns an EncodeError when the JS type does not fit the column. */
export function encodeValue(
  col: Pick<ColumnInfo, 'codec' | 'sqlType'>,
  value: unknown,
): { ok: true; value: unknown } | { ok: false; error: EncodeError } {
  if (value === null || value === undefined) return { ok: true, value: null };
  if (col.codec === 'json') return { ok: true, value: JSON.stringify(value) };
  if (col.codec === 'boolean') {
    if (typeof value === 'boolean') return { ok: true, value: value ? 1 : 0 };
    return { ok: false, error: { expected: EXPECTED.boolean as string } };
  }
  switch (col.sqlType) {
    case 'text':
      return typeof value === 'string'
        ? { ok: true, value }
        : { ok: false, error: { expected: EXPECTED.text as string } };
    case 'real':
      return typeof value === 'number' && Number.isFinite(value)
        ? { ok: true, value }
        : { ok: false, error: { expected: EXPECTED.real as string } };
    case 'integer':
      return Number.isSafeInteger(value)
        ? { ok: true, value }
        : { ok: false, error: { expected: EXPECTED.integer as string } };
  }
}

/** Column value -> engine value. */
export function decodeValue(col: Pick<ColumnInfo, 'codec'>, raw: unknown): unknown {
  if (raw === null || raw === undefined) return null;
  if (col.codec === 'boolean') return raw === 1 || raw === 1n;
  if (col.codec === 'json') {
    try {
      return JSON.parse(raw as string);
    } catch {
      return raw; // a hand-edited cell: show it rather than lose it
    }
  }
  return raw;
}

// Built once per table: every record read and update names all its columns (~1 KB of text).
const selectLists = new WeakMap<EntityTableInfo, string>();

/** The SELECT list of a table: every known column (archived or foreign columns are never read). */
export function selectList(info: EntityTableInfo): string {
  let list = selectLists.get(info);
  if (list === undefined) {
    list = [...info.systemColumns, ...info.fieldColumns].map((c) => c.column).join(', ');
    selectLists.set(info, list);
  }
  return list;
}

/** A row given as its INSERT's parameters (system columns, then fields, in table order). */
export function decodeValues(info: EntityTableInfo, values: readonly unknown[]): StoredRecord {
  const rec: Record<string, unknown> = {};
  const system = info.systemColumns;
  for (let i = 0; i < system.length; i++) rec[system[i]!.key] = values[i] ?? null;
  const fields = info.fieldColumns;
  for (let j = 0; j < fields.length; j++)
    rec[fields[j]!.key] = decodeValue(fields[j]!, values[system.length + j]);
  return rec as StoredRecord;
}

/** A result row (keyed by raw column names) -> record. */
export function decodeRow(info: EntityTableInfo, row: Record<string, unknown>): StoredRecord {
  const rec: Record<string, unknown> = {};
  for (const c of info.systemColumns) rec[c.key] = row[c.name] ?? null;
  for (const c of info.fieldColumns) rec[c.key] = decodeValue(c, row[c.name]);
  return rec as StoredRecord;
}
