import type { ColumnInfo, EntityTableInfo } from '../entity/entity-table';
import { fail } from '../messages';
import type { StoreLocale, StoreResult } from '../messages';
import type { RecordInput } from '../api/records';
import { encodeValue } from './codec';

/** System fields a caller may set on insert; the rest (updatedAt, version, deletedAt) the store manages. */
export const INSERTABLE_SYSTEM = new Set([
  'id',
  'createdAt',
  'createdBy',
  'ownerId',
  'teamId',
  'stage',
  'stageEnteredAt',
  'lastActivityAt',
  'slaDueAt',
]);
/** System fields a caller may change on update. */
export const UPDATABLE_SYSTEM = new Set([
  'ownerId',
  'teamId',
  'stage',
  'stageEnteredAt',
  'lastActivityAt',
  'slaDueAt',
]);

export type EncodedColumns = { cols: ColumnInfo[]; values: unknown[] };

/** Checks and encodes the values of a write; refuses unknown keys and values of the wrong type. */
export function encodeInput(
  info: EntityTableInfo,
  input: RecordInput,
  writableSystem: ReadonlySet<string>,
  locale: StoreLocale,
): StoreResult<EncodedColumns> {
  const cols: ColumnInfo[] = [];
  const values: unknown[] = [];
  // Keys, not entries: a row of ~40 fields built key by key is a dictionary-mode object, whose
  // [key, value] pairs cost several times more to list (every record write comes here).
  for (const key of Object.keys(input)) {
    const value = input[key];
    if (value === undefined) continue;
    const col = info.columns[key];
    if (!col) return fail('unknown_field', `/${key}`, { entity: info.entity, field: key }, locale);
    if (col.system && !writableSystem.has(key))
      return fail('readonly_field', `/${key}`, { field: key }, locale);
    const enc = encodeValue(col, value);
    if (!enc.ok)
      return fail('invalid_value', `/${key}`, { field: key, expected: enc.error.expected }, locale);
    cols.push(col);
    values.push(enc.value);
  }
  return { ok: true, value: { cols, values } };
}
