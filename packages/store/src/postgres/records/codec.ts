import type { RecordInput, StoredRecord } from '../../api/records';
import type { ColumnInfo, EntityTableInfo } from '../../entity/entity-table';
import type { StoreLocale, StoreResult } from '../../messages';
import { encodeValue } from '../../sqlite/codec';
import { encodeInput, type EncodedColumns } from '../../sqlite/encode-input';

/**
 * Engine value -> PostgreSQL parameter: the same checks as SQLite (wrong types are refused),
 * booleans as booleans, JSON as text for a jsonb column.
 */
export function toPg(
  col: Pick<ColumnInfo, 'codec' | 'sqlType'>,
  v: unknown,
): ReturnType<typeof encodeValue> {
  const enc = encodeValue(col, v);
  if (enc.ok && col.codec === 'boolean' && enc.value !== null)
    return { ok: true, value: enc.value === 1 };
  return enc;
}

/** Checks and encodes the values of a write (see sqlite/encode-input.ts), for PostgreSQL. */
export function encodePgInput(
  info: EntityTableInfo,
  input: RecordInput,
  writable: ReadonlySet<string>,
  locale: StoreLocale,
): StoreResult<EncodedColumns> {
  const enc = encodeInput(info, input, writable, locale);
  if (!enc.ok) return enc;
  const values = enc.value.values.map((v, i) =>
    enc.value.cols[i]?.codec === 'boolean' && v !== null ? v === 1 : v,
  );
  return { ok: true, value: { cols: enc.value.cols, values } };
}

/** Column value as node-postgres returns it -> engine value (jsonb is parsed already). */
export function fromPg(col: Pick<ColumnInfo, 'codec'>, raw: unknown): unknown {
  if (raw === null || raw === undefined) return null;
  if (col.codec === 'boolean') return raw === true || raw === 1;
  return raw;
}

/** A result row (raw column names) -> record. */
export function decodePgRow(info: EntityTableInfo, row: Record<string, unknown>): StoredRecord {
  const rec: Record<string, unknown> = {};
  for (const c of info.systemColumns) rec[c.key] = row[c.name] ?? null;
  for (const c of info.fieldColumns) rec[c.key] = fromPg(c, row[c.name]);
  return rec as StoredRecord;
}
