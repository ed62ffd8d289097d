import type { IdentityMatch, ListPage, RecordInput, StoredRecord } from '../../api/records';
import type { EntityTableInfo } from '../../entity/entity-table';
import { quoteIdent } from '../../entity/entity-table';
import { fail, type StoreResult } from '../../messages';
import type { ListQuery } from '../../sqlite/record-core';
import type { SortKey } from '../../sqlite/keyset';
import { decodePgRow, toPg } from './codec';
import { afterCursor, decodeCursor, encodeCursor, keyColumns, orderBy } from './keyset';
import type { RecordCx } from './writes';

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 1000;

const selectList = (info: EntityTableInfo) =>
  [...info.systemColumns, ...info.fieldColumns].map((c) => c.column).join(', ');

export async function getRecord(
  cx: RecordCx,
  info: EntityTableInfo,
  id: string,
  includeDeleted: boolean,
  lock = false,
): Promise<StoredRecord | null> {
  const row = await cx.x.get<Record<string, unknown>>(
    `SELECT ${selectList(info)} FROM ${quoteIdent(info.table)} WHERE id = ?${includeDeleted ? '' : ' AND deleted_at IS NULL'}${lock ? ' FOR UPDATE' : ''}`,
    [id],
  );
  return row ? decodePgRow(info, row) : null;
}

function deletedClause(mode: ListQuery['deleted']): string {
  if (mode === 'only') return 'deleted_at IS NOT NULL';
  if (mode === 'include') return 'TRUE';
  return 'deleted_at IS NULL';
}

/** Keyset-paginated list (the SQLite list, with PostgreSQL's NULL placement made explicit). */
export async function listRecords(
  cx: RecordCx,
  info: EntityTableInfo,
  q: ListQuery,
): Promise<StoreResult<ListPage>> {
  const keys: SortKey[] = [];
  const sort = q.sort?.length
    ? q.sort
    : [{ field: q.deleted === 'only' ? 'deletedAt' : 'createdAt', dir: 'desc' as const }];
  for (const [i, s] of sort.entries()) {
    const col = info.columns[s.field];
    if (!col) return fail('unknown_sort_field', `/sort/${i}/field`, { field: s.field }, cx.locale);
    if (col.key !== 'id') keys.push({ col, dir: s.dir === 'asc' ? 'asc' : 'desc' });
  }
  const idCol = info.columns.id;
  if (!idCol) throw new Error('entity table without id column');
  keys.push({ col: idCol, dir: keys[0]?.dir ?? 'desc' });

  const where: string[] = [deletedClause(q.deleted)];
  const params: unknown[] = [...(q.source?.params ?? [])];
  if (q.where?.sql) {
    where.push(`(${q.where.sql})`);
    params.push(...q.where.params);
  }
  // A subquery of the table stands for it under the table's own name (step-list.ts).
  const table = q.source
    ? `(${q.source.sql}) AS ${quoteIdent(info.table)}`
    : quoteIdent(info.table);
  let total: number | undefined;
  try {
    if (q.count)
      total =
        (
          await cx.x.get<{ n: number }>(
            `SELECT count(*) AS n FROM ${table} WHERE ${where.join(' AND ')}`,
            params,
          )
        )?.n ?? 0;
  } catch (e) {
    return fail('invalid_where', '/where', { reason: (e as Error).message }, cx.locale);
  }
  const signature = keys.map((k) => `${k.col.key}:${k.dir}`).join(',');
  if (q.cursor) {
    const values = decodeCursor(q.cursor, signature, keys.length);
    if (!values) return fail('invalid_cursor', '/cursor', {}, cx.locale);
    const after = afterCursor(keys, values);
    where.push(after.sql);
    params.push(...after.params);
  }
  const limit = Math.min(MAX_LIMIT, Math.max(1, Math.floor(q.limit ?? DEFAULT_LIMIT)));
  let rows: Record<string, unknown>[];
  try {
    const pick = `FROM ${table} WHERE ${where.join(' AND ')} ORDER BY ${orderBy(keys)} LIMIT ?`;
    rows = await cx.x.all(
      q.idsFirst
        ? `SELECT ${selectList(info)}${keyColumns(keys)} FROM ${quoteIdent(info.table)} WHERE id IN (SELECT id ${pick}) ORDER BY ${orderBy(keys)}`
        : `SELECT ${selectList(info)}${keyColumns(keys)} ${pick}`,
      [...params, limit + 1],
    );
  } catch (e) {
    return fail('invalid_where', '/where', { reason: (e as Error).message }, cx.locale);
  }
  const more = rows.length > limit;
  if (more) rows.pop();
  const last = rows[rows.length - 1];
  const nextCursor =
    more && last
      ? encodeCursor(
          signature,
          keys.map((_, i) => last[`__k${i}`] ?? null),
        )
      : null;
  const page: ListPage = { records: rows.map((r) => decodePgRow(info, r)), nextCursor };
  if (total !== undefined) page.total = total;
  return { ok: true, value: page };
}

/** Live records sharing a complete identity key with `values`. */
export async function findByIdentity(
  cx: RecordCx,
  info: EntityTableInfo,
  values: RecordInput,
  excludeId?: string,
): Promise<IdentityMatch[]> {
  const out: IdentityMatch[] = [];
  const seen = new Set<string>();
  for (const key of info.identity) {
    const params: unknown[] = [];
    let complete = true;
    for (const f of key) {
      const col = info.columns[f];
      const v = values[f];
      const enc = col && v !== null && v !== undefined && v !== '' ? toPg(col, v) : null;
      if (!enc?.ok) {
        complete = false;
        break;
      }
      params.push(enc.value);
    }
    if (!complete) continue;
    const cond = key.map((f) => `${quoteIdent(f)} = ?`).join(' AND ');
    const rows = await cx.x.all<Record<string, unknown>>(
      `SELECT ${selectList(info)} FROM ${quoteIdent(info.table)} WHERE ${cond} AND deleted_at IS NULL ORDER BY created_at LIMIT 20`,
      params,
    );
    for (const row of rows) {
      const rec = decodePgRow(info, row);
      if (rec.id === excludeId || seen.has(rec.id)) continue;
      seen.add(rec.id);
      out.push({ key: [...key], record: rec });
    }
  }
  return out;
}

const IDENTITY_CHUNK = 500;
const tupleKey = (values: readonly unknown[]) => values.map((v) => String(v)).join('\u0000');

/**
 * `findByIdentity` for many value sets (a bulk create): one query per identity key and 500 value
 * sets, `(fields) IN ((...), ...)`, instead of one per key and set. Same matches, same order.
 */
export async function findByIdentities(
  cx: RecordCx,
  info: EntityTableInfo,
  valueSets: readonly RecordInput[],
): Promise<IdentityMatch[][]> {
  const out: IdentityMatch[][] = valueSets.map(() => []);
  const seen = valueSets.map(() => new Set<string>());
  for (const key of info.identity) {
    const wanted: { index: number; params: unknown[] }[] = [];
    valueSets.forEach((values, index) => {
      const params: unknown[] = [];
      for (const f of key) {
        const col = info.columns[f];
        const v = values[f];
        const enc = col && v !== null && v !== undefined && v !== '' ? toPg(col, v) : null;
        if (!enc?.ok) return;
        params.push(enc.value);
      }
      wanted.push({ index, params });
    });
    const cols = `(${key.map(quoteIdent).join(', ')})`;
    const one = `(${key.map(() => '?').join(', ')})`;
    for (let i = 0; i < wanted.length; i += IDENTITY_CHUNK) {
      const chunk = wanted.slice(i, i + IDENTITY_CHUNK);
      const rows = await cx.x.all<Record<string, unknown>>(
        `SELECT ${selectList(info)} FROM ${quoteIdent(info.table)} WHERE ${cols} IN (${chunk.map(() => one).join(', ')}) AND deleted_at IS NULL ORDER BY created_at`,
        chunk.flatMap((w) => w.params),
      );
      const byKey = new Map<string, Record<string, unknown>[]>();
      for (const row of rows) {
        const k = tupleKey(key.map((f) => row[f]));
        const list = byKey.get(k) ?? [];
        byKey.set(k, list);
        list.push(row);
      }
      for (const w of chunk)
        for (const row of (byKey.get(tupleKey(w.params)) ?? []).slice(0, 20)) {
          const rec = decodePgRow(info, row);
          if (seen[w.index]!.has(rec.id)) continue;
          seen[w.index]!.add(rec.id);
          out[w.index]!.push({ key: [...key], record: rec });
        }
    }
  }
  return out;
}
