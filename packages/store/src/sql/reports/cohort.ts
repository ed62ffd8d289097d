import { compileToSql, type SqlDialectName } from '@trellis/logic';
import type { AggregateQuery, Measure, ReportScope, TimeRange } from '../../api/reports';
import { quoteIdent, type ColumnInfo, type EntityTableInfo } from '../../entity/entity-table';
import type { StoreLocale } from '../../messages';
import { fromNum, type SqlExec } from '../exec';
import { groupSpans } from './cohort-spans';
import { IN_TIME_MS, PENDING, SUMS } from './cohort-sql';
import { param, type Where } from './scope';

const DAY = 86_400_000;

/** The record fields report_cohorts groups by, and its column for each ('' stands for none). */
const GROUPED: Record<string, string> = {
  ownerId: 'owner_id',
  teamId: 'team_id',
  stage: 'stage',
};

/**
 * A cohort query answered from report_cohorts: its condition over the groups, the UTC days
 * read from them, and the partial days at the range's ends that are left to the full query.
 */
export type CohortPlan = {
  where: Where | null;
  days: { from?: number; to?: number };
  /** Creation-time windows read per record from report_rows (empty: none). */
  edges: TimeRange[];
  /** SQLite: the same condition over the entity table's own columns (alias `e`) for the windows. */
  edgeWhere?: Where | null;
  entity: string;
  dialect: SqlDialectName;
};

const isVar = (x: unknown, name: string) =>
  typeof x === 'object' && x !== null && (x as { var?: unknown }).var === name;

/**
 * The terms of a condition's top-level ANDs (nested ones flattened). An empty `and` is false, as
 * JSONLogic and the full query's SQL have it (no record matches): it stays a term, which
 * compiles to false over the groups too, rather than vanishing into "no condition".
 */
export function conjuncts(expr: unknown): unknown[] {
  if (expr === null || expr === undefined) return [];
  if (typeof expr === 'object' && !Array.isArray(expr) && 'and' in (expr as object)) {
    const parts = (expr as { and: unknown }).and;
    if (Array.isArray(parts) && parts.length > 0 && Object.keys(expr as object).length === 1)
      return parts.flatMap(conjuncts);
  }
  return [expr];
}

/** `createdAt >= n`-style bounds folded into [from, to); null for any other condition. */
export function createdBound(c: unknown, r: TimeRange): boolean {
  if (typeof c !== 'object' || c === null || Array.isArray(c)) return false;
  const [op, args] = Object.entries(c)[0] ?? [];
  if (Object.keys(c).length !== 1 || !Array.isArray(args) || args.length !== 2) return false;
  const [a, n] = args as [unknown, unknown];
  if (!isVar(a, 'createdAt') || typeof n !== 'number' || !Number.isSafeInteger(n)) return false;
  const lo = (v: number) => (r.from = r.from === undefined ? v : Math.max(r.from, v));
  const hi = (v: number) => (r.to = r.to === undefined ? v : Math.min(r.to, v));
  if (op === '>=') lo(n);
  else if (op === '>') lo(n + 1);
  else if (op === '<') hi(n);
  else if (op === '<=') hi(n + 1);
  else return false;
  return true;
}

/**
 * The conditions `exprs` (ANDed; null and undefined skipped) compiled over a group table `alias`
 * whose `columns` hold the named record fields ('' standing for none); false when one names
 * another field, null when there is no condition.
 */
export function groupCondition(
  info: EntityTableInfo,
  exprs: readonly unknown[],
  q: Pick<ReportScope, 'context'>,
  fields: Readonly<Record<string, string>>,
  alias: string,
  dialect: SqlDialectName,
  locale: StoreLocale,
  column: (c: string) => string = (c) => `NULLIF(${c}, '')`,
): Where | null | false {
  const columns: Record<string, ColumnInfo> = {};
  for (const [key, col] of Object.entries(fields)) {
    const base = info.columns[key];
    if (base) columns[key] = { ...base, column: column(`${alias}.${col}`) };
  }
  const parts: Where[] = [];
  for (const expr of exprs) {
    if (expr === undefined || expr === null) continue;
    const c = compileToSql(expr as never, {
      columns,
      dialect,
      positional: true,
      locale,
      ...(q.context ? { ctx: q.context } : {}),
    });
    if (!c.ok) return false;
    parts.push({ sql: `(${c.sql})`, params: [...c.params] });
  }
  return parts.length
    ? { sql: parts.map((p) => p.sql).join(' AND '), params: parts.flatMap((p) => p.params) }
    : null;
}

/**
 * How the query can be read from report_cohorts, or null when it cannot: a condition on
 * anything but owner, team, stage and creation time (in an AND at the top), or a group key
 * or measure the groups do not hold. Exact either way: null means the full query.
 */
export function cohortPlan(
  info: EntityTableInfo,
  q: ReportScope,
  dialect: SqlDialectName,
  locale: StoreLocale,
  by: readonly string[] = [],
): CohortPlan | null {
  if (by.some((f) => !(f in GROUPED))) return null;
  const range: TimeRange = {};
  const rest = conjuncts(q.filter).filter((c) => !createdBound(c, range));
  const where = groupCondition(
    info,
    [q.scope, rest.length ? { and: rest } : null],
    q,
    GROUPED,
    'c',
    dialect,
    locale,
  );
  if (where === false) return null;
  const plan: CohortPlan = { where, days: {}, edges: [], entity: info.entity, dialect };
  // SQLite finds a scoped window's records by the entity table's indexes (a rep's by the owner
  // index: tens of records, where the window holds ~2,800 at 1,000,000 leads): the condition
  // over the table's own columns (none is NULL there) goes into the window's branch too.
  if (dialect === 'sqlite' && where !== null) {
    const own = groupCondition(
      info,
      [q.scope, rest.length ? { and: rest } : null],
      q,
      GROUPED,
      'e',
      dialect,
      locale,
      (c) => c,
    );
    if (own !== false) plan.edgeWhere = own;
  }
  const { from, to } = range;
  const first = from === undefined ? undefined : Math.ceil(from / DAY);
  const last = to === undefined ? undefined : Math.floor(to / DAY);
  if (first !== undefined && last !== undefined && first >= last) {
    // No whole day inside: the records of the (short) range are read directly.
    plan.days = { from: 0, to: 0 };
    if (from! < to!) plan.edges.push({ from: from!, to: to! });
    return plan;
  }
  if (first !== undefined) plan.days.from = first;
  if (last !== undefined) plan.days.to = last;
  if (from !== undefined && from < first! * DAY) plan.edges.push({ from, to: first! * DAY });
  if (to !== undefined && last! * DAY < to) plan.edges.push({ from: last! * DAY, to });
  return plan;
}

/**
 * Group rows under the plan: keys, stage, entered, and the sums. The plan's UTC months come
 * from report_cohort_months and single days from report_cohorts, added or taken off
 * (cohort-spans.ts), and the partial days at the range's ends from report_rows — each record
 * of the window, found by the table's creation index, as a group of one — in one statement.
 * The edges were queries of their own over the records: a leaderboard's furthest stages probed
 * every edge record's transitions (~1,800 and ~900 leads at 1,000,000, on pages all over the
 * 318 MB transitions index), and its counts read each edge twice, one edge after the other.
 */
export async function cohortGroups(
  x: SqlExec,
  p: CohortPlan,
  info: EntityTableInfo,
  by: readonly string[],
  withStages: boolean,
): Promise<{ keys: (string | null)[]; stage: string; entered: string; sums: number[] }[]> {
  const params: unknown[] = [];
  const arg = (v: unknown) => {
    params.push(v);
    return param(p.dialect, v);
  };
  const branches = groupSpans(p.days.from, p.days.to).map((s) => {
    const conds = [`entity = ${arg(p.entity)}`];
    for (const [bound, op] of [
      [s.from, '>='],
      [s.to, '<'],
    ] as const)
      if (bound !== undefined) conds.push(`${s.column} ${op} ${arg(bound)}`);
    // Days taken off a month read whole count negative (cohort-spans.ts).
    const sums =
      s.sign === 1
        ? 'records, sum_created, sum_stage_at, n_stage_at, in_time'
        : '-records, -sum_created, -sum_stage_at, -n_stage_at, -in_time';
    return `SELECT owner_id, team_id, stage, entered, ${sums} FROM ${s.table} WHERE ${conds.join(' AND ')}`;
  });
  // SQLite's group changes not yet folded into the groups (cohort-sql.ts PENDING), each a day
  // group's signed sums: the whole days of the range once, whichever grains the spans read.
  const { from, to } = p.days;
  if (p.dialect === 'sqlite' && !(from !== undefined && to !== undefined && from >= to)) {
    const conds = [`entity = ${arg(p.entity)}`];
    if (from !== undefined) conds.push(`day >= ${arg(from)}`);
    if (to !== undefined) conds.push(`day < ${arg(to)}`);
    branches.push(
      `SELECT owner_id, team_id, stage, entered, ${SUMS} FROM ${PENDING} WHERE ${conds.join(' AND ')}`,
    );
  }
  const col = (key: string) => `e.${info.columns[key]!.column}`;
  for (const w of p.edges) {
    // report_rows holds the live records only. PostgreSQL reads the window's rows from their
    // creation index alone (report_rows_created_ix holds the columns below since migration
    // 0019: ~2,800 records of a quarter's two edges at 1,000,000 leads are ~40 index pages; a
    // heap page each before, by the entity table's index and a look-up by key four). SQLite walks the
    // table's creation index (a scoped window its owner index: `edgeWhere`) and looks each
    // row up by its key, in its own process.
    const rows =
      p.dialect === 'postgres'
        ? `report_rows rr WHERE rr.entity = ${arg(p.entity)}` +
          ` AND rr.created_at >= ${arg(w.from)} AND rr.created_at < ${arg(w.to)}`
        : `${quoteIdent(info.table)} e CROSS JOIN report_rows rr` +
          ` ON rr.entity = ${arg(p.entity)} AND rr.record_id = ${col('id')}` +
          ` WHERE ${col('createdAt')} >= ${arg(w.from)} AND ${col('createdAt')} < ${arg(w.to)}` +
          ` AND e.deleted_at IS NULL${p.edgeWhere ? ` AND ${p.edgeWhere.sql}` : ''}`;
    if (p.dialect === 'sqlite' && p.edgeWhere) params.push(...p.edgeWhere.params);
    branches.push(
      `SELECT rr.owner_id AS owner_id, rr.team_id AS team_id, rr.stage AS stage, rr.entered AS entered,` +
        ` 1 AS records, rr.created_at AS sum_created, COALESCE(rr.stage_at, 0) AS sum_stage_at,` +
        ` CASE WHEN rr.stage_at IS NULL THEN 0 ELSE 1 END AS n_stage_at, rr.in_time AS in_time` +
        ` FROM ${rows}`,
    );
  }
  if (branches.length === 0) return [];
  const conds: string[] = [];
  if (p.where) {
    conds.push(p.where.sql);
    params.push(...p.where.params);
  }
  const keys = [
    ...by.map((f, i) => `c.${GROUPED[f]} AS k${i}`),
    ...(withStages ? ['c.stage AS s', 'c.entered AS e'] : []),
  ];
  const group = keys.map((k) => k.split(' AS ')[0]).join(', ');
  const rows = await x.all(
    `SELECT ${[...keys, 'sum(c.records) AS n', 'sum(c.sum_created) AS sc', 'sum(c.sum_stage_at) AS ss', 'sum(c.n_stage_at) AS ns', 'sum(c.in_time) AS it'].join(', ')}
     FROM (${branches.join(' UNION ALL ')}) c${conds.length ? ` WHERE ${conds.join(' AND ')}` : ''}${group ? ` GROUP BY ${group}` : ''}`,
    params,
  );
  return rows
    .filter((r) => r.n !== null && fromNum(r.n) !== 0)
    .map((r) => ({
      keys: by.map((_, i) => (r[`k${i}`] === '' ? null : String(r[`k${i}`]))),
      stage: withStages ? String(r.s) : '',
      entered: withStages ? String(r.e) : '',
      sums: [fromNum(r.n), fromNum(r.sc), fromNum(r.ss), fromNum(r.ns), fromNum(r.it)],
    }));
}

/**
 * A count of the records assigned within 24 hours of their creation (`assignDelayMs <=
 * 86400000`, data health's): report_rows keeps it per record (`in_time`) and the groups sum it.
 */
export function isInTimeCount(m: Measure): boolean {
  if (m.op !== 'count' || typeof m.where !== 'object' || m.where === null) return false;
  const w = m.where as Record<string, unknown>;
  const args = w['<='];
  return (
    Object.keys(w).length === 1 &&
    Array.isArray(args) &&
    args.length === 2 &&
    isVar(args[0], 'assignDelayMs') &&
    args[1] === IN_TIME_MS
  );
}

/**
 * The measures report_cohorts can answer: count, and avg / filled of createdAt, stageEnteredAt,
 * each over every selected record (a measure's own `where` needs the records), and the count
 * of those assigned in time.
 */
export function cohortMeasures(q: AggregateQuery): boolean {
  return q.measures.every(
    (m) =>
      isInTimeCount(m) ||
      ((m.where === undefined || m.where === null) &&
        (m.op === 'count' ||
          ((m.op === 'avg' || m.op === 'filled') &&
            (m.field === 'createdAt' || m.field === 'stageEnteredAt')))),
  );
}
