import type { SqlDialectName } from '@trellis/logic';
import type { AggregateQuery, AggregateRow, Measure } from '../../api/reports';
import type { ColumnInfo, EntityTableInfo } from '../../entity/entity-table';
import { quoteIdent } from '../../entity/entity-table';
import { fail, type StoreLocale, type StoreResult } from '../../messages';
import { fromNumOrNull, type SqlExec } from '../exec';
import { decodeKey } from './decode';
import { conditionColumns, param, type TableOf, type Where } from './scope';

const NUMERIC = ['integer', 'number'];

/** The SQL of one measure, or null when its field cannot be measured that way. */
function measureSql(
  m: Measure,
  col: ColumnInfo | undefined,
  dialect: SqlDialectName,
): string | null {
  if (m.op === 'count') return 'count(*)';
  if (!col) return null;
  if (m.op === 'filled') return `sum(CASE WHEN ${filled(col, dialect)} THEN 1 ELSE 0 END)`;
  const timed = m.op !== 'sum' && col.logicType === 'datetime';
  if (!NUMERIC.includes(col.logicType) && !timed) return null;
  return `${m.op}(${col.column})`;
}

/** True where a column holds a value: not null, not '', not an empty list. */
function filled(col: ColumnInfo, dialect: SqlDialectName): string {
  const c = col.column;
  if (col.codec === 'json')
    return dialect === 'postgres'
      ? `${c} IS NOT NULL AND ${c} <> '[]'::jsonb AND ${c} <> 'null'::jsonb AND ${c} <> '""'::jsonb`
      : `${c} IS NOT NULL AND ${c} NOT IN ('[]', 'null', '""', '')`;
  if (col.logicType === 'text' || col.logicType === 'date')
    return `${c} IS NOT NULL AND ${c} <> ''`;
  return `${c} IS NOT NULL`;
}

/** Counts, sums and averages of the selected records per group key (buckets for cut keys). */
export async function aggregate(
  x: SqlExec,
  info: EntityTableInfo,
  where: Where | null,
  q: AggregateQuery,
  dialect: SqlDialectName,
  locale: StoreLocale,
  tableOf?: TableOf,
): Promise<StoreResult<AggregateRow[]>> {
  const by = q.by ?? [];
  if (by.length > 2) return fail('invalid_query', '/by', { reason: 'at most two keys' }, locale);
  const select: string[] = [];
  const selectParams: unknown[] = [];
  const conds: string[] = ['deleted_at IS NULL'];
  const condParams: unknown[] = [];
  const cols: ColumnInfo[] = [];
  // Group keys and measures may name virtual fields too (the first touch's UTM values…).
  const columns = conditionColumns(info, dialect, tableOf);
  for (const [i, key] of by.entries()) {
    const col = columns[key.field];
    if (!col)
      return fail(
        'unknown_field',
        `/by/${i}/field`,
        { entity: info.entity, field: key.field },
        locale,
      );
    cols.push(col);
    const edges = key.edges;
    if (!edges) {
      select.push(`${col.column} AS k${i}`);
      continue;
    }
    if (edges.length < 2)
      return fail('invalid_query', `/by/${i}/edges`, { reason: 'at least two edges' }, locale);
    const whens = edges.slice(1).map((e, b) => {
      selectParams.push(e, b);
      return `WHEN ${col.column} < ${param(dialect, e)} THEN ${param(dialect, b)}`;
    });
    select.push(`CASE ${whens.join(' ')} END AS k${i}`);
    conds.push(
      `${col.column} >= ${param(dialect, edges[0])} AND ${col.column} < ${param(dialect, edges[edges.length - 1])}`,
    );
    condParams.push(edges[0], edges[edges.length - 1]);
  }
  for (const [i, m] of q.measures.entries()) {
    const col = m.op === 'count' ? undefined : columns[m.field];
    const expr = measureSql(m, col, dialect);
    if (!expr)
      return fail(
        'unknown_field',
        `/measures/${i}/field`,
        { entity: info.entity, field: m.op === 'count' ? '' : m.field },
        locale,
      );
    select.push(`${expr} AS m${i}`);
  }
  if (where) {
    conds.push(where.sql);
    condParams.push(...where.params);
  }
  const group = by.length ? ` GROUP BY ${by.map((_, i) => `k${i}`).join(', ')}` : '';
  const sql = `SELECT ${select.join(', ')} FROM ${quoteIdent(info.table)} WHERE ${conds.join(' AND ')}${group}`;
  let rows: Record<string, unknown>[];
  try {
    rows = await x.all(sql, [...selectParams, ...condParams]);
  } catch (e) {
    return fail('invalid_where', '/filter', { reason: (e as Error).message }, locale);
  }
  return {
    ok: true,
    value: rows.map((r) => ({
      keys: cols.map((col, i) => (by[i]!.edges ? Number(r[`k${i}`]) : decodeKey(col, r[`k${i}`]))),
      values: q.measures.map((_, i) => fromNumOrNull(r[`m${i}`])),
    })),
  };
}
