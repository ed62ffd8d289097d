import type { SqlDialectName } from '@trellis/logic';
import type { DwellRow, EntryRow, MergeRow, ReachRow, TimeRange } from '../../api/reports';
import type { ColumnInfo, EntityTableInfo } from '../../entity/entity-table';
import { fromNum, type SqlExec } from '../exec';
import { decodeKey } from './decode';
import { dwellOfAll } from './dwell-all';
import { entriesOfAll } from './entries-all';
import { ownerEntries } from './owner-entries';
import { param, selectedRecords, type Where } from './scope';

/** The records a flow query reads plus the transitions' range condition (alias `t`). */
type FlowParts = {
  info: EntityTableInfo;
  where: Where | null;
  by: ColumnInfo | null;
  at?: TimeRange | undefined;
  dialect: SqlDialectName;
  /** PostgreSQL: the scope and filter over report_owner_entries (alias `o`) when they name only owner and team. */
  owners?: Where | null;
};

function transitionsOf(p: FlowParts): { cte: string; cond: string; params: unknown[] } {
  const r = selectedRecords(p.info, p.where, p.by);
  const params: unknown[] = [...r.params, p.info.entity];
  let cond = `t.entity = ${param(p.dialect, p.info.entity)}`;
  if (p.at?.from !== undefined) {
    cond += ` AND t.at >= ${param(p.dialect, p.at.from)}`;
    params.push(p.at.from);
  }
  if (p.at?.to !== undefined) {
    cond += ` AND t.at < ${param(p.dialect, p.at.to)}`;
    params.push(p.at.to);
  }
  // Each record's transitions are probed in the order the records are read: an owner's by
  // creation time, so every probe lands on another page of stage_transitions_record_ix. Sorted by
  // id first, consecutive probes land on the same or the next pages (a rep's period funnel at
  // 1,000,000 leads: SQLite ~2× faster; PostgreSQL, whose 128 MB of shared buffers do not hold
  // the 318 MB index, reads each page once, in order).
  const cte = `WITH r AS MATERIALIZED (${r.sql} ORDER BY id)`;
  return { cte, cond, params };
}

/**
 * The selected records joined to their transitions (`cond` holds the join's terms). SQLite walks
 * the records first, each one's transitions in the period by the (entity, record_id, at) index:
 * its sampled statistics (analysis_limit) put ~1,000 transitions under an entity, so left to
 * choose it walked every transition of the entity and looked each record up — at 1,000,000
 * leads a rep's period funnel took 33 s this way and 0.6 s records first; a manager's 33 s and 5 s.
 * The cohort funnel's partial days at the range's ends (reach) had the same fault.
 */
function joined(dialect: SqlDialectName): string {
  return dialect === 'sqlite'
    ? 'r CROSS JOIN stage_transitions t ON r.id = t.record_id'
    : 'stage_transitions t JOIN r ON r.id = t.record_id';
}

/**
 * Distinct records entering each stage, per key: per record the entry whose previous entry into
 * the stage (`prev_entry_at`, set on insert) lies before the range or does not exist — one such
 * entry per record and stage, so a count without DISTINCT. Every live record, unsplit, is
 * counted from the indexes alone (entries-all.ts).
 */
export async function entries(x: SqlExec, p: FlowParts): Promise<EntryRow[]> {
  if (p.where === null && p.by === null) return entriesOfAll(x, p);
  if (p.owners && p.by === null) {
    const kept = await ownerEntries(x, { ...p, owners: p.owners });
    if (kept) return kept;
  }
  const f = transitionsOf(p);
  const from = p.at?.from;
  let first = 't.prev_entry_at IS NULL';
  if (from !== undefined) {
    first = `(${first} OR t.prev_entry_at < ${param(p.dialect, from)})`;
    f.params.push(from);
  }
  const rows = await x.all(
    `${f.cte} SELECT t.to_stage AS s, r.k AS k, count(*) AS n
     FROM ${joined(p.dialect)} WHERE ${f.cond} AND ${first} GROUP BY t.to_stage, r.k`,
    f.params,
  );
  return rows.map((row) => ({
    stage: String(row.s),
    key: decodeKey(p.by, row.k),
    records: fromNum(row.n),
  }));
}

/** Per record the highest rank among its entered stages and its current one, counted per rank. */
export async function reach(
  x: SqlExec,
  p: FlowParts,
  ranks: Readonly<Record<string, number>>,
  mark: readonly string[] = [],
): Promise<ReachRow[]> {
  const stages = Object.entries(ranks).filter(([, n]) => Number.isSafeInteger(n));
  if (stages.length === 0) return [];
  const r = selectedRecords(p.info, p.where, p.by);
  const caseParams: unknown[] = [];
  const rank = `CASE s.stage ${stages
    .map(([stage, n]) => {
      caseParams.push(stage);
      return `WHEN ${param(p.dialect, stage)} THEN ${n}`;
    })
    .join(' ')} END`;
  // Furthest entered stage per record (transitions, grouped in index order), then the larger of
  // it and the current stage's rank: no UNION, no sort of every transition.
  const currentParams: unknown[] = [];
  const current = `CASE r.stage ${stages
    .map(([stage, n]) => {
      currentParams.push(stage);
      return `WHEN ${param(p.dialect, stage)} THEN ${n}`;
    })
    .join(' ')} END`;
  const marked = mark.length
    ? `CASE WHEN r.stage IN (${mark.map((m) => param(p.dialect, m)).join(', ')}) THEN 1 ELSE 0 END`
    : '0';
  if (p.dialect === 'sqlite') {
    // Each record's furthest entered stage by a lookup of its transitions, then the larger of it
    // and the current stage's rank (below every rank: none). The join and GROUP BY of every
    // transition below cost SQLite 55 ms for the 179 leads of a range's partial day at 200,000
    // leads (a bloom filter and a non-covering index walk over a materialized r) against 1 ms
    // this way; the leaderboard and cohort funnel read two such partial days per range.
    const none = Math.min(...stages.map(([, n]) => n)) - 1;
    const rows = await x.all(
      `WITH r AS (${r.sql}),
       c AS MATERIALIZED (
         SELECT r.k AS k, ${marked} AS m, max(ifnull(${current}, ${none}), ifnull(
           (SELECT max(${rank.replace('s.stage', 't.to_stage')}) FROM stage_transitions t
            WHERE t.entity = ? AND t.record_id = r.id), ${none})) AS rk
         FROM r)
       SELECT rk, k, count(*) AS n, sum(m) AS m FROM c WHERE rk > ${none} GROUP BY rk, k`,
      [...r.params, ...mark, ...currentParams, ...caseParams, p.info.entity],
    );
    return reachRows(rows, p.by);
  }
  // The records in id order, so their transitions are probed in index order (transitionsOf).
  const rows = await x.all(
    `WITH r AS MATERIALIZED (${r.sql} ORDER BY id),
     t AS (SELECT t.record_id AS id, max(${rank.replace('s.stage', 't.to_stage')}) AS rk
           FROM ${joined(p.dialect)}
           WHERE t.entity = ${param(p.dialect, p.info.entity)} GROUP BY t.record_id),
     c AS (SELECT r.id AS id, r.k AS k, ${current} AS rk, ${marked} AS m FROM r)
     SELECT x.rk AS rk, x.k AS k, count(*) AS n, sum(x.m) AS m FROM (
       SELECT c.k AS k, c.m AS m,
         CASE WHEN t.rk IS NULL THEN c.rk WHEN c.rk IS NULL OR t.rk > c.rk THEN t.rk ELSE c.rk END AS rk
       FROM c LEFT JOIN t ON t.id = c.id
     ) x WHERE x.rk IS NOT NULL GROUP BY x.rk, x.k`,
    [...r.params, ...caseParams, p.info.entity, ...currentParams, ...mark],
  );
  return reachRows(rows, p.by);
}

const reachRows = (rows: Record<string, unknown>[], by: ColumnInfo | null): ReachRow[] =>
  rows.map((row) => ({
    rank: fromNum(row.rk),
    key: decodeKey(by, row.k),
    records: fromNum(row.n),
    marked: fromNum(row.m),
  }));

/**
 * Count, mean, nearest-rank median and p90 of the time spent in each stage left. Every live
 * record, unsplit, is read from the moves' index alone (dwell-all.ts).
 */
export async function dwell(x: SqlExec, p: FlowParts): Promise<DwellRow[]> {
  if (p.where === null && p.by === null) return dwellOfAll(x, p);
  const f = transitionsOf(p);
  const rows = await x.all(
    `${f.cte}, d AS (
       SELECT t.from_stage AS s, r.k AS k, t.dwell_ms AS v,
         ROW_NUMBER() OVER (PARTITION BY t.from_stage, r.k ORDER BY t.dwell_ms) AS rn,
         COUNT(*) OVER (PARTITION BY t.from_stage, r.k) AS n
       FROM ${joined(p.dialect)}
       WHERE ${f.cond} AND t.from_stage IS NOT NULL AND t.dwell_ms IS NOT NULL)
     SELECT s, k, max(n) AS n, avg(v) AS mean,
       max(CASE WHEN rn = (n + 1) / 2 THEN v END) AS median,
       max(CASE WHEN rn = (9 * n + 9) / 10 THEN v END) AS p90
     FROM d GROUP BY s, k`,
    f.params,
  );
  return rows.map((row) => ({
    stage: String(row.s),
    key: decodeKey(p.by, row.k),
    count: fromNum(row.n),
    mean: fromNum(row.mean),
    median: fromNum(row.median),
    p90: fromNum(row.p90),
  }));
}

/** Intake submissions merged into the selected records (the intake log), per key. */
export async function merges(x: SqlExec, p: FlowParts): Promise<MergeRow[]> {
  const r = selectedRecords(p.info, p.where, p.by);
  const params: unknown[] = [...r.params];
  let cond = `l.status = 'merged'`;
  for (const [op, v] of [
    ['>=', p.at?.from],
    ['<', p.at?.to],
  ] as const)
    if (v !== undefined) {
      cond += ` AND l.at ${op} ${param(p.dialect, v)}`;
      params.push(v);
    }
  const rows = await x.all(
    `WITH r AS (${r.sql}) SELECT r.k AS k, count(*) AS n, count(DISTINCT r.id) AS d
     FROM intake_log l JOIN r ON r.id = l.record_id WHERE ${cond} GROUP BY r.k`,
    params,
  );
  return rows.map((row) => ({
    key: decodeKey(p.by, row.k),
    merges: fromNum(row.n),
    records: fromNum(row.d),
  }));
}
