import type { SqlDialectName } from '@trellis/logic';
import type { AggregateQuery, AggregateRow, ReachQuery, ReachRow } from '../../api/reports';
import type { EntityTableInfo } from '../../entity/entity-table';
import type { StoreLocale, StoreResult } from '../../messages';
import type { SqlExec } from '../exec';
import { cohortGroups, cohortMeasures, cohortPlan, inWindow, isInTimeCount } from './cohort';

const keyOf = (keys: readonly unknown[]) => JSON.stringify(keys);

/**
 * The furthest ranked stage per record, counted from report_cohorts (whole days) plus the full
 * query for the partial days at the range's ends; null when the query cannot use the groups.
 */
export async function cohortReach(
  x: SqlExec,
  info: EntityTableInfo,
  q: ReachQuery,
  dialect: SqlDialectName,
  locale: StoreLocale,
  scan: (q: ReachQuery) => Promise<StoreResult<ReachRow[]>>,
): Promise<StoreResult<ReachRow[]> | null> {
  const by = q.by ? [q.by] : [];
  const plan = cohortPlan(info, q, dialect, locale, by);
  if (!plan) return null;
  const ranks = new Map(Object.entries(q.ranks).filter(([, n]) => Number.isSafeInteger(n)));
  if (ranks.size === 0) return { ok: true, value: [] };
  const mark = new Set(q.mark ?? []);
  const out = new Map<string, ReachRow>();
  const add = (rank: number, key: unknown, records: number, marked: number) => {
    const k = keyOf([rank, key]);
    const row = out.get(k);
    if (row) {
      row.records += records;
      row.marked += marked;
    } else out.set(k, { rank, key, records, marked });
  };
  // The groups and the partial days' records do not depend on one another: on PostgreSQL each
  // read takes a connection of its own (a leaderboard's two edges probed their records'
  // transitions one after the other: ~1,800 and ~900 leads at 1,000,000).
  const [groups, ...parts] = await Promise.all([
    cohortGroups(x, plan, by, true),
    ...plan.edges.map((w) => scan({ ...q, ...inWindow(q, w) })),
  ]);
  for (const g of groups) {
    let rank = -1;
    for (const s of [g.stage, ...(g.entered ? g.entered.split(',') : [])])
      rank = Math.max(rank, ranks.get(s) ?? -1);
    const n = g.sums[0]!;
    if (rank >= 0) add(rank, by.length ? g.keys[0] : null, n, mark.has(g.stage) ? n : 0);
  }
  for (const part of parts) {
    if (!part.ok) return part;
    for (const r of part.value) add(r.rank, r.key, r.records, r.marked);
  }
  return { ok: true, value: [...out.values()].filter((r) => r.records !== 0) };
}

/** Sums per group: records, createdAt, stageEnteredAt, how many have one, and in time. */
type Sums = { keys: unknown[]; n: number; sc: number; ss: number; ns: number; it: number };

/**
 * Counts and average creation / stage-entry times per owner, team or stage from report_cohorts
 * (plus the range's partial days from the records); null when the query cannot use the groups.
 */
export async function cohortAggregate(
  x: SqlExec,
  info: EntityTableInfo,
  q: AggregateQuery,
  dialect: SqlDialectName,
  locale: StoreLocale,
  scan: (q: AggregateQuery) => Promise<StoreResult<AggregateRow[]>>,
): Promise<StoreResult<AggregateRow[]> | null> {
  const keys = q.by ?? [];
  if (keys.some((k) => k.edges) || !cohortMeasures(q)) return null;
  const by = keys.map((k) => k.field);
  const plan = cohortPlan(info, q, dialect, locale, by);
  if (!plan) return null;
  const inTime = q.measures.find(isInTimeCount);
  const out = new Map<string, Sums>();
  const add = (s: Sums) => {
    const have = out.get(keyOf(s.keys));
    if (!have) out.set(keyOf(s.keys), { ...s });
    else {
      have.n += s.n;
      have.sc += s.sc;
      have.ss += s.ss;
      have.ns += s.ns;
      have.it += s.it;
    }
  };
  for (const g of await cohortGroups(x, plan, by, false)) {
    const [n, sc, ss, ns, it] = g.sums as [number, number, number, number, number];
    add({ keys: g.keys, n, sc, ss, ns, it });
  }
  for (const w of plan.edges) {
    const part = await scan({
      ...inWindow(q, w),
      ...(q.by ? { by: q.by } : {}),
      measures: [
        { op: 'count' },
        { op: 'avg', field: 'createdAt' },
        { op: 'avg', field: 'stageEnteredAt' },
        { op: 'filled', field: 'stageEnteredAt' },
        ...(inTime ? [inTime] : []),
      ],
    });
    if (!part.ok) return part;
    for (const r of part.value) {
      const [n, ac, as, ns, it] = r.values.map((v) => v ?? 0) as number[] as [
        number,
        number,
        number,
        number,
        number | undefined,
      ];
      if (n > 0) add({ keys: r.keys, n, sc: ac * n, ss: as * ns, ns, it: it ?? 0 });
    }
  }
  const groups = [...out.values()].filter((s) => s.n !== 0);
  // Without keys the answer is one row, as SQL's aggregate over no rows is.
  if (by.length === 0 && groups.length === 0)
    groups.push({ keys: [], n: 0, sc: 0, ss: 0, ns: 0, it: 0 });
  groups.sort((a, b) => cmpKeys(a.keys, b.keys));
  const value: AggregateRow[] = groups.map((s) => ({
    keys: s.keys,
    values: q.measures.map((m) => {
      if (isInTimeCount(m)) return s.it;
      if (m.op === 'count') return s.n;
      const created = m.field === 'createdAt';
      if (m.op === 'filled') return s.n === 0 ? null : created ? s.n : s.ns;
      if (created) return s.n ? s.sc / s.n : null;
      return s.ns ? s.ss / s.ns : null;
    }),
  }));
  return { ok: true, value };
}

/** Key order: none first, then by code point (as the text columns sort). */
function cmpKeys(a: readonly unknown[], b: readonly unknown[]): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as string | null;
    const y = b[i] as string | null;
    if (x === y) continue;
    if (x === null) return -1;
    if (y === null) return 1;
    return x < y ? -1 : 1;
  }
  return 0;
}
