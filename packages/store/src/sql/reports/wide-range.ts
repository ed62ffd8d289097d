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

/** The plan step that reads the entity table itself (subqueries name their tables by alias: h, t, rel_r). */
async function ownStep(
  x: SqlExec,
  info: EntityTableInfo,
  sql: string,
  params: readonly unknown[],
): Promise<string | undefined> {
  const plan = await x.all<{ detail: string }>(`EXPLAIN QUERY PLAN ${sql}`, params);
  const own = new RegExp(`^(SCAN|SEARCH) ${info.table}( |$)`);
  return plan.find((p) => own.test(p.detail))?.detail;
}

/**
 * An index of the table that holds every column the query reads (`INDEXED BY`), when there is
 * one: a range over its second column is then a skip-scan of index pages only. At 1,000,000
 * leads a quarter's daily counts took 0.06 s of CPU over the owner index (owner_id, created_at,
 * stage, team_id, deleted_at) against 0.14 s for the table; a manager's campaign attribution
 * 29–32 ms over its attribution index (campaign, variant, created_at, …: a skip-scan of the
 * quarter of each campaign and variant, in group order) against 231–247 for the table and its
 * sort (better-sqlite3, load ~4).
 */
async function coveringIndex(
  x: SqlExec,
  info: EntityTableInfo,
  sqlWith: (clause: string) => string,
  params: readonly unknown[],
): Promise<string | null> {
  const indexes = await x.all<{ name: string; partial: number }>(
    `SELECT name, partial FROM pragma_index_list(?)`,
    [info.table],
  );
  // Newest first: an attribution index (entity-table.ts), which covers a period's counts too,
  // is tried last, so the reads other indexes served keep them.
  const attribution = `ix_${info.table}__attr_`;
  const last = (n: string) => (n.startsWith(attribution) ? 1 : 0);
  indexes.sort((a, b) => last(a.name) - last(b.name));
  for (const { name, partial } of indexes) {
    // A partial index holds only some rows; the primary key's autoindex is one column.
    if (partial || name.startsWith('sqlite_autoindex_')) continue;
    const clause = `INDEXED BY ${quoteIdent(name)}`;
    // "no query solution": the index cannot answer this query.
    const step = await ownStep(x, info, sqlWith(clause), params).catch(() => undefined);
    if (step?.includes(' USING COVERING INDEX ')) return clause;
  }
  return null;
}

/**
 * SQLite only: how a report aggregate over the entity table (`sqlWith(clause)`: its SQL with
 * `clause` after the table's name) should read the table — null to keep its planner's choice,
 * else that clause: `NOT INDEXED` (read the table) or `INDEXED BY` an index that covers the query.
 * SQLite samples its statistics (analysis_limit), so it takes every indexed condition for a
 * narrow one: it read a quarter of 1,000,000 leads through the created_at index, every owned
 * open lead through the owner index for `ownerId` not null (stale follow-ups), the won leads of
 * a quarter through the stage index, and for a GROUP BY ownerId walked the whole owner index —
 * each a random table lookup per row, 3–5× the CPU of reading the table. So the planner's index
 * is kept only when the period is narrow (at most WIDE_SHARE of the creation span: two index
 * probes), the index covers the query, or the plan starts from an equality on the owner (a
 * reader's own records); otherwise an index holding every column the query reads, else the
 * table.
 */
export async function wideRead(
  x: SqlExec,
  info: EntityTableInfo,
  filter: unknown,
  sqlWith: (clause: string) => string,
  params: readonly unknown[],
): Promise<string | null> {
  if (await narrowPeriod(x, info, filter)) return null;
  // The plans below depend on the statement's shape and the schema, not on the period: asked
  // once per shape (parameters are placeholders) and schema version (a new index changes it),
  // for each scope's executor. The entity table's info is per spec version, so a spec change
  // asks again too.
  const version = await x.get<{ schema_version: number }>('PRAGMA schema_version');
  const key = `${version?.schema_version ?? ''}\n${sqlWith('')}`;
  let known = answers.get(x)?.get(info);
  const hit = known?.get(key);
  if (hit !== undefined) return hit;
  const answer = await planFor(x, info, sqlWith, params);
  if (!known) {
    let byInfo = answers.get(x);
    if (!byInfo) answers.set(x, (byInfo = new WeakMap()));
    byInfo.set(info, (known = new Map()));
  }
  // Shapes are few (a widget's statements); a schema change leaves the old version's behind.
  if (known.size >= MAX_SHAPES) known.clear();
  known.set(key, answer);
  return answer;
}

/** Answers of planFor per executor, entity table (spec version) and statement shape. */
const answers = new WeakMap<SqlExec, WeakMap<EntityTableInfo, Map<string, string | null>>>();
const MAX_SHAPES = 256;

/** wideRead's answer from the plans of the statement (one per index of the table at most). */
async function planFor(
  x: SqlExec,
  info: EntityTableInfo,
  sqlWith: (clause: string) => string,
  params: readonly unknown[],
): Promise<string | null> {
  const step = await ownStep(x, info, sqlWith(''), params);
  // No index, a covering index or the primary key: nothing to gain from the table.
  if (!step?.includes(' USING INDEX ')) return null;
  const owner = info.columns.ownerId?.column.replace(/"/g, '');
  if (owner !== undefined && step.includes(`(${owner}=`)) return null;
  return (await coveringIndex(x, info, sqlWith, params)) ?? 'NOT INDEXED';
}
