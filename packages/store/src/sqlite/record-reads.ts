import type { EntityTableInfo } from '../entity/entity-table';
import { quoteIdent } from '../entity/entity-table';
import { fail } from '../messages';
import type { StoreResult } from '../messages';
import type { IdentityMatch, ListPage, RecordInput, StoredRecord } from '../api/records';
import type { ListQuery, SearchOptions } from './record-core';
import { searchCondition } from '../search/search-condition';
import { decodeRow, encodeValue, selectList } from './codec';
import type { SqliteCtx } from './context';
import { afterCursor, decodeCursor, encodeCursor, orderBy } from './keyset';
import type { SortKey } from './keyset';

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 1000;

export function getRecord(
  ctx: SqliteCtx,
  info: EntityTableInfo,
  id: string,
  includeDeleted: boolean,
): StoredRecord | null {
  const sql = `SELECT ${selectList(info)} FROM ${quoteIdent(info.table)} WHERE id = ?${includeDeleted ? '' : ' AND deleted_at IS NULL'}`;
  const row = ctx.stmt(sql).get(id) as Record<string, unknown> | undefined;
  return row ? decodeRow(info, row) : null;
}

/** Keyset-paginated list: filter, sort on any column, optional total. */
export function listRecords(
  ctx: SqliteCtx,
  info: EntityTableInfo,
  q: ListQuery,
): StoreResult<ListPage> {
  const keys: SortKey[] = [];
  const sort = q.sort?.length
    ? q.sort
    : [{ field: q.deleted === 'only' ? 'deletedAt' : 'createdAt', dir: 'desc' as const }];
  for (const [i, s] of sort.entries()) {
    const col = info.columns[s.field];
    if (!col) return fail('unknown_sort_field', `/sort/${i}/field`, { field: s.field }, ctx.locale);
    if (col.key !== 'id') keys.push({ col, dir: s.dir === 'asc' ? 'asc' : 'desc' });
  }
  const idCol = info.columns.id;
  if (!idCol) throw new Error('entity table without id column');
  keys.push({ col: idCol, dir: keys[0]?.dir ?? 'desc' });

  const where: string[] = [deletedClause(q.deleted)];
  const params: unknown[] = [];
  if (q.where?.sql) {
    where.push(`(${q.where.sql})`);
    params.push(...q.where.params);
  }
  const table = quoteIdent(info.table);
  let total: number | undefined;
  if (q.count)
    total = (
      ctx
        .stmt(`SELECT count(*) AS n FROM ${table} WHERE ${where.join(' AND ')}`)
        .get(...params) as { n: number }
    ).n;

  const signature = keys.map((k) => `${k.col.key}:${k.dir}`).join(',');
  if (q.cursor) {
    const values = decodeCursor(q.cursor, signature, keys.length);
    if (!values) return fail('invalid_cursor', '/cursor', {}, ctx.locale);
    const after = afterCursor(keys, values);
    where.push(after.sql);
    params.push(...after.params);
  }
  const limit = Math.min(MAX_LIMIT, Math.max(1, Math.floor(q.limit ?? DEFAULT_LIMIT)));
  const sql = `SELECT ${selectList(info)} FROM ${table} WHERE ${where.join(' AND ')} ORDER BY ${orderBy(keys)} LIMIT ?`;
  let rows: Record<string, unknown>[];
  try {
    rows = ctx.stmt(sql).all(...params, limit + 1) as Record<string, unknown>[];
  } catch (e) {
    return fail('invalid_where', '/where', { reason: (e as Error).message }, ctx.locale);
  }
  const more = rows.length > limit;
  if (more) rows.pop();
  const last = rows[rows.length - 1];
  const nextCursor =
    more && last
      ? encodeCursor(
          signature,
          keys.map((k) => last[k.col.name] ?? null),
        )
      : null;
  const page: ListPage = { records: rows.map((r) => decodeRow(info, r)), nextCursor };
  if (total !== undefined) page.total = total;
  return { ok: true, value: page };
}

function deletedClause(mode: ListQuery['deleted']): string {
  if (mode === 'only') return 'deleted_at IS NOT NULL';
  if (mode === 'include') return '1';
  return 'deleted_at IS NULL';
}

/** Live records sharing a complete identity key with `values`. */
export function findByIdentity(
  ctx: SqliteCtx,
  info: EntityTableInfo,
  values: RecordInput,
  excludeId?: string,
): IdentityMatch[] {
  const out: IdentityMatch[] = [];
  const seen = new Set<string>();
  for (const key of info.identity) {
    const params: unknown[] = [];
    let complete = true;
    for (const f of key) {
      const col = info.columns[f];
      const v = values[f];
      const enc = col && v !== null && v !== undefined && v !== '' ? encodeValue(col, v) : null;
      if (!enc?.ok) {
        complete = false;
        break;
      }
      params.push(enc.value);
    }
    if (!complete) continue;
    const cond = key.map((f) => `${quoteIdent(f)} = ?`).join(' AND ');
    const sql = `SELECT ${selectList(info)} FROM ${quoteIdent(info.table)} WHERE ${cond} AND deleted_at IS NULL ORDER BY created_at LIMIT 20`;
    for (const row of ctx.stmt(sql).all(...params) as Record<string, unknown>[]) {
      const rec = decodeRow(info, row);
      if (rec.id === excludeId || seen.has(rec.id)) continue;
      seen.add(rec.id);
      out.push({ key: [...key], record: rec });
    }
  }
  return out;
}

/** Substring search on the trigram index, newest first. */
export function searchRecords(
  ctx: SqliteCtx,
  info: EntityTableInfo,
  query: string,
  opts: SearchOptions,
): StoreResult<StoredRecord[]> {
  const limit = Math.min(MAX_LIMIT, Math.max(1, Math.floor(opts.limit ?? 20)));
  const hits = searchCondition(info, query);
  if (hits === 'none') return { ok: true, value: [] };
  const params: unknown[] = [...hits.params];
  let where = '';
  if (opts.where?.sql) {
    where = ` AND (${opts.where.sql})`;
    params.push(...opts.where.params);
  }
  const sql = `SELECT ${selectList(info)} FROM ${quoteIdent(info.table)} WHERE ${hits.sql} AND deleted_at IS NULL${where} ORDER BY rid DESC LIMIT ?`;
  try {
    const rows = ctx.stmt(sql).all(...params, limit) as Record<string, unknown>[];
    return { ok: true, value: rows.map((r) => decodeRow(info, r)) };
  } catch (e) {
    return fail('invalid_where', '/where', { reason: (e as Error).message }, ctx.locale);
  }
}
