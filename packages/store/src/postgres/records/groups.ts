import type { GroupRow } from '../../api/records';
import type { EntityTableInfo } from '../../entity/entity-table';
import { quoteIdent } from '../../entity/entity-table';
import { fail, type StoreResult } from '../../messages';
import type { GroupSqlQuery } from '../../sqlite/record-core';
import { fromPg } from './codec';
import { sortExpr } from './keyset';
import type { RecordCx } from './writes';

const MAX_GROUPS = 500;

/**
 * Counts (and sums) the live records matching `where`, one row per value of `by` (or one row
 * for all of them), largest groups first, ties in the value's SQLite order (NULL first).
 */
export async function groupRecords(
  cx: RecordCx,
  info: EntityTableInfo,
  q: GroupSqlQuery,
): Promise<StoreResult<GroupRow[]>> {
  const by = q.by ? info.columns[q.by] : undefined;
  if (q.by && !by)
    return fail('unknown_field', '/by', { entity: info.entity, field: q.by }, cx.locale);
  const sums = q.sums ?? [];
  for (const [i, key] of sums.entries()) {
    const col = info.columns[key];
    if (!col || !['integer', 'number'].includes(col.logicType))
      return fail('unknown_field', `/sums/${i}`, { entity: info.entity, field: key }, cx.locale);
  }
  const select = [
    by ? `${by.column} AS g` : 'NULL AS g',
    'count(*) AS n',
    ...sums.map((key, i) => `sum(${info.columns[key]!.column}) AS s${i}`),
  ];
  const where = ['deleted_at IS NULL'];
  const params: unknown[] = [];
  if (q.where?.sql) {
    where.push(`(${q.where.sql})`);
    params.push(...q.where.params);
  }
  const limit = Math.min(MAX_GROUPS, Math.max(1, Math.floor(q.limit ?? MAX_GROUPS)));
  const sql =
    `SELECT ${select.join(', ')} FROM ${quoteIdent(info.table)} WHERE ${where.join(' AND ')}` +
    (by ? ` GROUP BY ${by.column} ORDER BY n DESC, ${sortExpr(by)} ASC NULLS FIRST LIMIT ?` : '');
  let rows: Record<string, unknown>[];
  try {
    rows = await cx.x.all(sql, [...params, ...(by ? [limit] : [])]);
  } catch (e) {
    return fail('invalid_where', '/where', { reason: (e as Error).message }, cx.locale);
  }
  return {
    ok: true,
    value: rows.map((r) => ({
      value: by ? fromPg(by, r.g) : null,
      count: Number(r.n),
      sums: Object.fromEntries(
        sums.map((key, i) => [key, r[`s${i}`] === null ? null : Number(r[`s${i}`])]),
      ),
    })),
  };
}
