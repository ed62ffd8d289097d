import type { EntityTableInfo } from '../../entity/entity-table';
import { quoteIdent } from '../../entity/entity-table';
import type { SqlExec } from '../exec';

/**
 * At or under this share of the records' creation span a period is read through an index. At
 * 1,000,000 leads on SQLite a quarter (a quarter of the rows) cost 1.2–1.5 s of CPU through the
 * created_at index (a random table lookup per row) against 0.19 s for the whole table: ~25× a
 * row, so an index wins below ~4 % of the rows.
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

/** True when the filter bounds createdAt to at most WIDE_SHARE of the table's creation span. */
async function narrowPeriod(x: SqlExec, info: EntityTableInfo, filter: unknown): Promise<boolean> {
  const col = info.columns.createdAt;
  if (!col) return false;
  const b = createdBounds(filter);
  if (b.from === undefined && b.to === undefined) return false;
  const table = quoteIdent(info.table);
  // Two subqueries: SQLite reads a lone min() or max() from the index end, both at once by a scan.
  const span = await x.get<{ lo: number | null; hi: number | null }>(
    `SELECT (SELECT min(${col.column}) FROM ${table}) AS lo, (SELECT max(${col.column}) FROM ${table}) AS hi`,
  );
  const lo = span?.lo;
  const hi = span?.hi;
  if (typeof lo !== 'number' || typeof hi !== 'number' || hi <= lo) return true;
  const from = Math.max(lo, b.from ?? lo);
  const to = Math.min(hi, b.to ?? hi);
  return (to - from) / (hi - lo) <= WIDE_SHARE;
}

/**
 * SQLite only: whether a report aggregate (`sql`, over the entity table) should read the table
 * (`NOT INDEXED`) rather than the index its planner picked. SQLite samples its statistics
 * (analysis_limit), so it takes every indexed condition for a narrow one: it read a quarter of
 * 1,000,000 leads through the created_at index, every owned open lead through the owner index
 * for `ownerId` not null (stale follow-ups), the won leads of a quarter through the stage index,
 * and for a GROUP BY ownerId walked the whole owner index — each a random table lookup per row,
 * 3–5× the CPU of reading the table. So the table is read unless the period is narrow (at most
 * WIDE_SHARE of the creation span: two index probes), the index covers the query, or the plan
 * starts from an equality on the owner: a reader's own records.
 */
export async function readsTable(
  x: SqlExec,
  info: EntityTableInfo,
  filter: unknown,
  sql: string,
  params: readonly unknown[],
): Promise<boolean> {
  if (await narrowPeriod(x, info, filter)) return false;
  const plan = await x.all<{ detail: string }>(`EXPLAIN QUERY PLAN ${sql}`, params);
  // The entity table's own step (subqueries name their tables by alias: h, t, rel_r).
  const own = new RegExp(`^(SCAN|SEARCH) ${info.table}( |$)`);
  const step = plan.find((p) => own.test(p.detail))?.detail;
  // No index, a covering index or the primary key: nothing to gain from the table.
  if (!step?.includes(' USING INDEX ')) return false;
  const owner = info.columns.ownerId?.column.replace(/"/g, '');
  return owner === undefined || !step.includes(`(${owner}=`);
}
