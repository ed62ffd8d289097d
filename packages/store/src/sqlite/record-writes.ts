import { newId } from '../ids';
import type { EntityTableInfo } from '../entity/entity-table';
import { quoteIdent } from '../entity/entity-table';
import { fail } from '../messages';
import type { StoreResult } from '../messages';
import type { RecordInput, StoredRecord, WriteOptions } from '../api/records';
import { decodeRow, selectList } from './codec';
import type { SqliteCtx } from './context';
import { encodeInput, INSERTABLE_SYSTEM, UPDATABLE_SYSTEM } from './encode-input';
import { indexRecord } from './search-index';

// Every column is written (null when not given): one statement per table, built once (an import
// inserts 100,000 rows; building and hashing the 2 KB text each time cost ~5 % of it).
const inserts = new WeakMap<EntityTableInfo, { names: string[]; sql: string }>();

function insertOf(info: EntityTableInfo): { names: string[]; sql: string } {
  let ins = inserts.get(info);
  if (!ins) {
    const names = [...info.systemColumns, ...info.fieldColumns].map((c) => c.name);
    const sql = `INSERT INTO ${quoteIdent(info.table)} (${names.map(quoteIdent).join(', ')}) VALUES (${names.map(() => '?').join(', ')}) ON CONFLICT (id) DO NOTHING`;
    inserts.set(info, (ins = { names, sql }));
  }
  return ins;
}

/** Inserts a new record (version 1). id and createdAt default to a UUIDv7 and now. */
export function insertRecord(
  ctx: SqliteCtx,
  info: EntityTableInfo,
  input: RecordInput,
  opts: WriteOptions = {},
): StoreResult<StoredRecord> {
  const enc = encodeInput(info, input, INSERTABLE_SYSTEM, ctx.locale);
  if (!enc.ok) return enc;
  const now = opts.now ?? Date.now();
  const { names, sql } = insertOf(info);
  const row: Record<string, unknown> = {};
  for (const n of names) row[n] = null;
  enc.value.cols.forEach((c, i) => (row[c.name] = enc.value.values[i]));
  row.id ??= newId();
  row.created_at ??= now;
  row.updated_at = row.created_at;
  row.version = 1;
  const res = ctx.stmt(sql).run(...names.map((n) => row[n]));
  if (res.changes === 0) return fail('duplicate_id', '/id', { id: row.id }, ctx.locale);
  indexRecord(ctx, info, res.lastInsertRowid, row, false);
  return { ok: true, value: decodeRow(info, row) };
}

/** Optimistic update: applies only when the stored version equals `expectedVersion`. */
export function updateRecord(
  ctx: SqliteCtx,
  info: EntityTableInfo,
  id: string,
  patch: RecordInput,
  expectedVersion: number,
  opts: WriteOptions = {},
): StoreResult<StoredRecord> {
  const enc = encodeInput(info, patch, UPDATABLE_SYSTEM, ctx.locale);
  if (!enc.ok) return enc;
  const sets = enc.value.cols.map((c) => `${c.column} = ?`);
  const sql = `UPDATE ${quoteIdent(info.table)} SET ${[...sets, 'version = version + 1', 'updated_at = ?'].join(', ')} WHERE id = ? AND version = ? AND deleted_at IS NULL RETURNING rid, ${selectList(info)}`;
  const row = ctx
    .stmt(sql)
    .get(...enc.value.values, opts.now ?? Date.now(), id, expectedVersion) as
    Record<string, unknown> | undefined;
  if (!row) return missOrConflict(ctx, info, id, expectedVersion, false);
  if (enc.value.cols.some((c) => info.searchFields.includes(c.key)))
    indexRecord(ctx, info, row.rid as number, row, true);
  return { ok: true, value: decodeRow(info, row) };
}

/** Moves a record to the recycle bin (sets deletedAt) or back out of it. */
export function setDeleted(
  ctx: SqliteCtx,
  info: EntityTableInfo,
  id: string,
  deleted: boolean,
  opts: WriteOptions & { expectedVersion?: number },
): StoreResult<StoredRecord> {
  const now = opts.now ?? Date.now();
  const versionCheck = opts.expectedVersion === undefined ? '' : ' AND version = ?';
  const sql = `UPDATE ${quoteIdent(info.table)} SET deleted_at = ?, version = version + 1, updated_at = ? WHERE id = ? AND deleted_at IS ${deleted ? 'NULL' : 'NOT NULL'}${versionCheck} RETURNING ${selectList(info)}`;
  const params: unknown[] = [deleted ? now : null, now, id];
  if (opts.expectedVersion !== undefined) params.push(opts.expectedVersion);
  const row = ctx.stmt(sql).get(...params) as Record<string, unknown> | undefined;
  if (!row) return missOrConflict(ctx, info, id, opts.expectedVersion, !deleted);
  return { ok: true, value: decodeRow(info, row) };
}

/** Explains why a conditional write matched no row. */
function missOrConflict(
  ctx: SqliteCtx,
  info: EntityTableInfo,
  id: string,
  expected: number | undefined,
  wantDeleted: boolean,
): StoreResult<StoredRecord> {
  const cur = ctx
    .stmt(`SELECT version, deleted_at FROM ${quoteIdent(info.table)} WHERE id = ?`)
    .get(id) as { version: number; deleted_at: number | null } | undefined;
  if (!cur) return fail('not_found', '/id', { id }, ctx.locale);
  const isDeleted = cur.deleted_at !== null;
  if (wantDeleted && !isDeleted) return fail('not_deleted', '/id', { id }, ctx.locale);
  if (!wantDeleted && isDeleted) return fail('not_found', '/id', { id, deleted: true }, ctx.locale);
  return fail('version_conflict', '/version', { id, expected, actual: cur.version }, ctx.locale);
}
