import type { ColumnInfo, EntityTableInfo } from '../../entity/entity-table';
import { quoteIdent } from '../../entity/entity-table';
import type { SqlExec } from '../exec';
import type { Where } from './scope';

/**
 * Above this share of the records' creation span a period is read from the table, not through
 * the created_at index. At 1,000,000 leads on SQLite a quarter (a quarter of the rows) cost
 * 1.2–1.5 s of CPU through the index (a random table lookup per row) against 0.19 s for the
 * whole table: ~25× a row, so the index wins below ~4 % of the rows.
 */
const WIDE_SHARE = 0.04;

type Bounds = { from?: number; to?: number };

/** The createdAt bounds among a filter's top-level AND terms (what the engine's `within` writes). */
function createdBounds(filter: unknown, out: Bounds = {}): Bounds {
  if (!filter || typeof filter !== 'object' || Array.isArray(filter)) return out;
  const [op, args] = Object.entries(filter)[0] ?? [];
  if (op === 'and' && Array.isArray(args)) {
    for (const a of args) createdBounds(a, out);
    return out;
  }
  if (!Array.isArray(args) || args.length !== 2) return out;
  const [field, value] = args as [unknown, unknown];
  const isCreated =
    typeof field === 'object' && field !== null && (field as { var?: unknown }).var === 'createdAt';
  if (!isCreated || typeof value !== 'number') return out;
  if (op === '>=' || op === '>') out.from = Math.max(out.from ?? -Infinity, value);
  if (op === '<' || op === '<=') out.to = Math.min(out.to ?? Infinity, value);
  return out;
}

/**
 * SQLite only (without histograms its planner takes any created_at range for a narrow one): the
 * createdAt column to compile a report's filter with — written `+created_at`, which SQLite cannot
 * read through an index — when the filter's creation range covers more than WIDE_SHARE of the
 * span between the table's first and last creation times (two index probes) and the plan of
 * `where` starts from the created_at index; else null. A plan that starts from another index (a
 * rep's owner_id, then the range) is kept: it reads only the reader's records.
 */
export async function wideCreatedAt(
  x: SqlExec,
  info: EntityTableInfo,
  filter: unknown,
  where: Where | null,
): Promise<ColumnInfo | null> {
  const col = info.columns.createdAt;
  if (!col || !where) return null;
  const b = createdBounds(filter);
  if (b.from === undefined && b.to === undefined) return null;
  const table = quoteIdent(info.table);
  // Two subqueries: SQLite reads a lone min() or max() from the index end, both at once by a scan.
  const span = await x.get<{ lo: number | null; hi: number | null }>(
    `SELECT (SELECT min(${col.column}) FROM ${table}) AS lo, (SELECT max(${col.column}) FROM ${table}) AS hi`,
  );
  const lo = span?.lo;
  const hi = span?.hi;
  if (typeof lo !== 'number' || typeof hi !== 'number' || hi <= lo) return null;
  const from = Math.max(lo, b.from ?? lo);
  const to = Math.min(hi, b.to ?? hi);
  if ((to - from) / (hi - lo) <= WIDE_SHARE) return null;
  const plan = await x.all<{ detail: string }>(
    `EXPLAIN QUERY PLAN SELECT 1 FROM ${table} WHERE deleted_at IS NULL AND ${where.sql}`,
    where.params,
  );
  const name = col.column.replace(/"/g, '');
  const first = new RegExp(`INDEX \\S+ \\(${name}[<>=]`);
  return plan.some((p) => first.test(p.detail)) ? { ...col, column: `+${col.column}` } : null;
}
