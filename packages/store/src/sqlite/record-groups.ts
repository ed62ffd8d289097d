import type { EntityTableInfo } from '../entity/entity-table';
import { quoteIdent } from '../entity/entity-table';
import { fail } from '../messages';
import type { StoreResult } from '../messages';
import type { GroupRow } from '../api/records';
import type { GroupSqlQuery } from './record-core';
import { decodeValue } from './codec';
import type { SqliteCtx } from './context';

const MAX_GROUPS = 500;

/**
 * Counts (and sums) the live records matching `where`, one row per value of `by` (or one row
 * for all of them without `by`), largest groups first. Multiselect values group as stored.
 */
export function groupRecords(
  ctx: SqliteCtx,
  info: EntityTableInfo,
  q: GroupSqlQuery,
): StoreResult<GroupRow[]> {
  const by = q.by ? info.columns[q.by] : undefined;
  if (q.by && !by)
    return fail('unknown_field', '/by', { entity: info.entity, field: q.by }, ctx.locale);
  const sums = q.sums ?? [];
  for (const [i, key] of sums.entries()) {
    const col = info.columns[key];
    if (!col || !['integer', 'number'].includes(col.logicType))
      return fail('unknown_field', `/sums/${i}`, { entity: info.entity, field: key }, ctx.locale);
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
    (by ? ` GROUP BY g ORDER BY n DESC, g LIMIT ?` : '');
  let rows: Record<string, unknown>[];
  try {
    rows = ctx.stmt(sql).all(...params, ...(by ? [limit] : [])) as Record<string, unknown>[];
  } catch (e) {
    return fail('invalid_where', '/where', { reason: (e as Error).message }, ctx.locale);
  }
  return {
    ok: true,
    value: rows.map((r) => ({
      value: by ? decodeValue(by, r.g) : null,
      count: Number(r.n),
      sums: Object.fromEntries(
        sums.map((key, i) => [key, r[`s${i}`] === null ? null : Number(r[`s${i}`])]),
      ),
    })),
  };
}
