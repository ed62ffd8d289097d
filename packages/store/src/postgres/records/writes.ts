import type { RecordInput, StoredRecord, WriteOptions } from '../../api/records';
import type { EntityTableInfo } from '../../entity/entity-table';
import { quoteIdent } from '../../entity/entity-table';
import { newId } from '../../ids';
import { fail, type StoreLocale, type StoreResult } from '../../messages';
import type { SqlExec } from '../../sql/exec';
import { insertRows } from '../../sql/multi-row';
import { INSERTABLE_SYSTEM, UPDATABLE_SYSTEM } from '../../sqlite/encode-input';
import { decodePgRow, encodePgInput } from './codec';
import { searchTableName } from './ddl';
import { pgSearchRow } from './search';

export type RecordCx = { x: SqlExec; locale: StoreLocale };

const selectList = (info: EntityTableInfo) =>
  [...info.systemColumns, ...info.fieldColumns].map((c) => c.column).join(', ');

/**
 * Writes the record's search row in the same transaction (PostgreSQL's GIN indexes take new
 * entries into a pending list and merge them later, so no table of text waits in between).
 */
async function writeSearch(
  cx: RecordCx,
  info: EntityTableInfo,
  rid: unknown,
  row: Record<string, unknown>,
  replace: boolean,
): Promise<void> {
  if (info.searchFields.length === 0) return;
  const doc = pgSearchRow(info.searchFields.map((f) => row[f]));
  const table = quoteIdent(searchTableName(info.table));
  if (!doc.body) {
    if (replace) await cx.x.run(`DELETE FROM ${table} WHERE rid = ?`, [rid]);
    return;
  }
  await cx.x.run(
    `INSERT INTO ${table} (rid, body, grams) VALUES (?, ?, ?) ON CONFLICT (rid) DO UPDATE SET body = excluded.body, grams = excluded.grams`,
    [rid, doc.body, doc.grams],
  );
}

/** A new record's row (version 1): its columns, id and createdAt defaulting to a UUIDv7 and now. */
function newRow(
  enc: { cols: readonly { name: string }[]; values: readonly unknown[] },
  now: number,
): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  enc.cols.forEach((c, i) => (row[c.name] = enc.values[i]));
  row.id ??= newId();
  row.created_at ??= now;
  row.updated_at = row.created_at;
  row.version = 1;
  return row;
}

/** Inserts a new record (version 1). id and createdAt default to a UUIDv7 and now. */
export async function insertRecord(
  cx: RecordCx,
  info: EntityTableInfo,
  input: RecordInput,
  opts: WriteOptions = {},
): Promise<StoreResult<StoredRecord>> {
  const enc = encodePgInput(info, input, INSERTABLE_SYSTEM, cx.locale);
  if (!enc.ok) return enc;
  const now = opts.now ?? Date.now();
  const row = newRow(enc.value, now);
  const names = Object.keys(row);
  const inserted = await cx.x.get<Record<string, unknown>>(
    `INSERT INTO ${quoteIdent(info.table)} (${names.map(quoteIdent).join(', ')}) VALUES (${names.map(() => '?').join(', ')}) ON CONFLICT (id) DO NOTHING RETURNING rid, ${selectList(info)}`,
    names.map((n) => row[n]),
  );
  if (!inserted) return fail('duplicate_id', '/id', { id: row.id }, cx.locale);
  await writeSearch(cx, info, inserted.rid, inserted, false);
  return { ok: true, value: decodePgRow(info, inserted) };
}

/**
 * Inserts many records (an import batch) as `insertRecord` would each, in multi-row statements
 * (one round trip per 64 records and one for their search rows instead of two per record).
 * One result per input, in order; a record whose id exists already is `duplicate_id`.
 */
export async function insertRecords(
  cx: RecordCx,
  info: EntityTableInfo,
  inputs: readonly RecordInput[],
  opts: WriteOptions = {},
): Promise<StoreResult<StoredRecord>[]> {
  const now = opts.now ?? Date.now();
  const out: StoreResult<StoredRecord>[] = new Array(inputs.length);
  // Rows with the same columns share a statement (an import's rows all have the same).
  const groups = new Map<string, { index: number; row: Record<string, unknown> }[]>();
  inputs.forEach((input, index) => {
    const enc = encodePgInput(info, input, INSERTABLE_SYSTEM, cx.locale);
    if (!enc.ok) {
      out[index] = enc;
      return;
    }
    const row = newRow(enc.value, now);
    const key = Object.keys(row).join(',');
    const group = groups.get(key) ?? [];
    groups.set(key, group);
    group.push({ index, row });
  });
  const search: unknown[][] = [];
  for (const [key, group] of groups) {
    const names = key.split(',');
    const returned = await insertRows<Record<string, unknown>>(
      cx.x,
      `INSERT INTO ${quoteIdent(info.table)} (${names.map(quoteIdent).join(', ')})`,
      group.map(({ row }) => names.map((n) => row[n])),
      `ON CONFLICT (id) DO NOTHING RETURNING rid, ${selectList(info)}`,
    );
    const byId = new Map(returned.map((r) => [String(r.id), r]));
    for (const { index, row } of group) {
      const inserted = byId.get(String(row.id));
      // The same id twice in one batch: the first row was inserted, the second is a duplicate
      // (as row by row; counting both would also index the record twice).
      byId.delete(String(row.id));
      if (!inserted) {
        out[index] = fail('duplicate_id', '/id', { id: row.id }, cx.locale);
        continue;
      }
      out[index] = { ok: true, value: decodePgRow(info, inserted) };
      if (info.searchFields.length === 0) continue;
      const doc = pgSearchRow(info.searchFields.map((f) => inserted[f]));
      if (doc.body) search.push([inserted.rid, doc.body, doc.grams]);
    }
  }
  if (search.length > 0)
    await insertRows(
      cx.x,
      `INSERT INTO ${quoteIdent(searchTableName(info.table))} (rid, body, grams)`,
      search,
      'ON CONFLICT (rid) DO UPDATE SET body = excluded.body, grams = excluded.grams',
    );
  return out;
}

/** Optimistic update: applies only when the stored version equals `expectedVersion`. */
export async function updateRecord(
  cx: RecordCx,
  info: EntityTableInfo,
  id: string,
  patch: RecordInput,
  expectedVersion: number,
  opts: WriteOptions = {},
): Promise<StoreResult<StoredRecord>> {
  const enc = encodePgInput(info, patch, UPDATABLE_SYSTEM, cx.locale);
  if (!enc.ok) return enc;
  const sets = enc.value.cols.map((c) => `${c.column} = ?`);
  const row = await cx.x.get<Record<string, unknown>>(
    `UPDATE ${quoteIdent(info.table)} SET ${[...sets, 'version = version + 1', 'updated_at = ?'].join(', ')} WHERE id = ? AND version = ? AND deleted_at IS NULL RETURNING rid, ${selectList(info)}`,
    [...enc.value.values, opts.now ?? Date.now(), id, expectedVersion],
  );
  if (!row) return missOrConflict(cx, info, id, expectedVersion, false);
  if (enc.value.cols.some((c) => info.searchFields.includes(c.key)))
    await writeSearch(cx, info, row.rid, row, true);
  return { ok: true, value: decodePgRow(info, row) };
}

/** Moves a record to the recycle bin (sets deletedAt) or back out of it. */
export async function setDeleted(
  cx: RecordCx,
  info: EntityTableInfo,
  id: string,
  deleted: boolean,
  opts: WriteOptions & { expectedVersion?: number },
): Promise<StoreResult<StoredRecord>> {
  const now = opts.now ?? Date.now();
  const versionCheck = opts.expectedVersion === undefined ? '' : ' AND version = ?';
  const params: unknown[] = [deleted ? now : null, now, id];
  if (opts.expectedVersion !== undefined) params.push(opts.expectedVersion);
  const row = await cx.x.get<Record<string, unknown>>(
    `UPDATE ${quoteIdent(info.table)} SET deleted_at = ?::bigint, version = version + 1, updated_at = ? WHERE id = ? AND deleted_at IS ${deleted ? 'NULL' : 'NOT NULL'}${versionCheck} RETURNING ${selectList(info)}`,
    params,
  );
  if (!row) return missOrConflict(cx, info, id, opts.expectedVersion, !deleted);
  return { ok: true, value: decodePgRow(info, row) };
}

/** Explains why a conditional write matched no row. */
async function missOrConflict(
  cx: RecordCx,
  info: EntityTableInfo,
  id: string,
  expected: number | undefined,
  wantDeleted: boolean,
): Promise<StoreResult<StoredRecord>> {
  const cur = await cx.x.get<{ version: number; deleted_at: number | null }>(
    `SELECT version, deleted_at FROM ${quoteIdent(info.table)} WHERE id = ?`,
    [id],
  );
  if (!cur) return fail('not_found', '/id', { id }, cx.locale);
  const isDeleted = cur.deleted_at !== null;
  if (wantDeleted && !isDeleted) return fail('not_deleted', '/id', { id }, cx.locale);
  if (!wantDeleted && isDeleted) return fail('not_found', '/id', { id, deleted: true }, cx.locale);
  return fail('version_conflict', '/version', { id, expected, actual: cur.version }, cx.locale);
}
