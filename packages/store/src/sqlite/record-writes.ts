import { newId } from '../ids';
import type { EntityTableInfo } from '../entity/entity-table';
import { quoteIdent } from '../entity/entity-table';
import { fail } from '../messages';
import type { StoreResult } from '../messages';
import type { RecordInput, StoredRecord, WriteOptions } from '../api/records';
import { decodeRow, decodeValues, selectList } from './codec';
import type { SqliteCtx } from './context';
import { encodeInput, INSERTABLE_SYSTEM, UPDATABLE_SYSTEM } from './encode-input';
import { indexRecord } from './search-index';

/** A table's INSERT of every column, and where each column's value goes in its parameters. */
type InsertShape = {
  sql: string;
  width: number;
  at: Record<string, number>;
  /** Positions of the search fields' values (search-index.ts). */
  search: number[];
};

// Every column is written (null when not given): one statement per table, built once (an import
// inserts 100,000 rows; building and hashing the 2 KB text each time cost ~5 % of it).
const inserts = new WeakMap<EntityTableInfo, InsertShape>();

function insertOf(info: EntityTableInfo): InsertShape {
  let ins = inserts.get(info);
  if (!ins) {
    // System columns first, then fields: decodeValues reads the parameters in this order.
    const names = [...info.systemColumns, ...info.fieldColumns].map((c) => c.name);
    const at: Record<string, number> = {};
    names.forEach((n, i) => (at[n] = i));
    const sql = `INSERT INTO ${quoteIdent(info.table)} (${names.map(quoteIdent).join(', ')}) VALUES (${names.map(() => '?').join(', ')}) ON CONFLICT (id) DO NOTHING`;
    const search = info.searchFields.map((f) => at[f]!);
    inserts.set(info, (ins = { sql, width: names.length, at, search }));
  }
  return ins;
}

/**
 * Inserts a new record (version 1). id and createdAt default to a UUIDv7 and now. The values go
 * straight into the statement's parameter list, decoded from it: a row object of ~40 columns
 * built key by key, then listed again for the parameters, cost ~2 µs of every create.
 */
export function insertRecord(
  ctx: SqliteCtx,
  info: EntityTableInfo,
  input: RecordInput,
  opts: WriteOptions = {},
): StoreResult<StoredRecord> {
  const enc = encodeInput(info, input, INSERTABLE_SYSTEM, ctx.locale);
  if (!enc.ok) return enc;
  const { sql, width, at, search } = insertOf(info);
  const values = new Array<unknown>(width).fill(null);
  const { cols, values: given } = enc.value;
  for (let i = 0; i < cols.length; i++) values[at[cols[i]!.name]!] = given[i];
  const id = at.id!;
  const created = at.created_at!;
  values[id] ??= newId();
  values[created] ??= opts.now ?? Date.now();
  values[at.updated_at!] = values[created];
  values[at.version!] = 1;
  const res = ctx.stmt(sql).run(...values);
  if (res.changes === 0) return fail('duplicate_id', '/id', { id: values[id] }, ctx.locale);
  indexRecord(
    ctx,
    info,
    res.lastInsertRowid,
    search.map((i) => values[i]),
    false,
  );
  return { ok: true, value: decodeValues(info, values) };
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
    indexRecord(
      ctx,
      info,
      row.rid as number,
      info.searchFields.map((f) => row[f]),
      true,
    );
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
