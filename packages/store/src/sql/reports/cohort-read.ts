import type { SqlDialectName } from '@trellis/logic';
import type { AggregateQuery, AggregateRow, ReachQuery, ReachRow } from '../../api/reports';
import type { EntityTableInfo } from '../../entity/entity-table';
import type { StoreLocale, StoreResult } from '../../messages';
import type { SqlExec } from '../exec';
import { cohortGroups, cohortMeasures, cohortPlan, isInTimeCount } from './cohort';

const keyOf = (keys: readonly unknown[]) => JSON.stringify(keys);

/**
 * The furthest ranked stage per record, counted from report_cohorts (whole days and months)
 * and report_rows (the partial days at the range's ends), in one read; null when the query
 * cannot use the groups.
 */
export async function cohortReach(
  x: SqlExec,
  info: EntityTableInfo,
  q: ReachQuery,
  dialect: SqlDialectName,
  locale: StoreLocale,
): Promise<StoreResult<ReachRow[]> | null> {
  const by = q.by ? [q.by] : [];
  const plan = cohortPlan(info, q, dialect, locale, by);
  if (!plan) return null;
  const ranks = new Map(Object.entries(q.ranks).filter(([, n]) => Number.isSafeInteger(n)));
  if (ranks.size === 0) return { ok: true, value: [] };
  const mark = new Set(q.mark ?? []);
  const out = new Map<string, ReachRow>();
  for (const g of await cohortGroups(x, plan, info, by, true)) {
    let rank = -1;
    for (const s of [g.stage, ...(g.entered ? g.entered.split(',') : [])])
      rank = Math.max(rank, ranks.get(s) ?? -1);
    if (rank < 0) continue;
    const n = g.sums[0]!;
    const key = by.length ? g.keys[0] : null;
    const k = keyOf([rank, key]);
    const row = out.get(k);
    const marked = mark.has(g.stage) ? n : 0;
    if (row) {
      row.records += n;
      row.marked += marked;
    } else out.set(k, { rank, key, records: n, marked });
  }
  return { ok: true, value: [...out.values()].filter((r) => r.records !== 0) };
}

/** Sums per group: records, createdAt, stageEnteredAt, how many have one, and in time. */
type Sums = { keys: unknown[]; n: number; sc: number; ss: number; ns: number; it: number };

/**
 * Counts and average creation / stage-entry times per owner, team or stage from report_cohorts
 * (the range's partial days from report_rows, in the same read); null when the query cannot use
 * the groups.
 */
export async function cohortAggregate(
  x: SqlExec,
  info: EntityTableInfo,
  q: AggregateQuery,
  dialect: SqlDialectName,
  locale: StoreLocale,
): Promise<StoreResult<AggregateRow[]> | null> {
  const keys = q.by ?? [];
  if (keys.some((k) => k.edges) || !cohortMeasures(q)) return null;
  const by = keys.map((k) => k.field);
  const plan = cohortPlan(info, q, dialect, locale, by);
  if (!plan) return null;
  const out = new Map<string, Sums>();
  // Per stage, the rows are read with their entered stages, as the furthest stages read them
  // (cohortReach): a leaderboard asks both side by side, and they share the one read
  // (shared-reads.ts). The entered stages are summed away here.
  const at = by.indexOf('stage');
  const rest = at < 0 ? by : by.filter((f) => f !== 'stage');
  for (const g of await cohortGroups(x, plan, info, rest, at >= 0)) {
    const [n, sc, ss, ns, it] = g.sums as [number, number, number, number, number];
    const keys = at < 0 ? g.keys : [...g.keys.slice(0, at), g.stage || null, ...g.keys.slice(at)];
    const have = out.get(keyOf(keys));
    if (!have) out.set(keyOf(keys), { keys, n, sc, ss, ns, it });
    else {
      have.n += n;
      have.sc += sc;
      have.ss += ss;
      have.ns += ns;
      have.it += it;
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
export function cmpKeys(a: readonly unknown[], b: readonly unknown[]): number {
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
