import { localize } from '@trellis/spec';
import { and, entered, eq, isIn, within } from '../logic';
import type { Num, Range, ReportColumn, ReportRow, WidgetCtx, WidgetRunner } from '../types';
import { aggregate, DAY_MS, must, ratio, recordsLabel, stagesOf } from './common';

type OwnerNums = Map<string | null, (number | null)[]>;

const byOwner = async (
  c: WidgetCtx,
  filter: unknown,
  measures: Parameters<typeof aggregate>[2]['measures'],
): Promise<OwnerNums> =>
  new Map(
    (await aggregate(c, filter, { by: [{ field: 'ownerId' }], measures })).map((r) => [
      (r.keys[0] as string | null) ?? null,
      r.values,
    ]),
  );

/** Per owner: records, won (count, mean stage entry and creation time) and lost of one cohort. */
type CohortNums = {
  leads: OwnerNums;
  won: OwnerNums;
  lost: OwnerNums;
};

/**
 * A cohort's leads, won and lost per owner from one read grouped by owner and stage (the
 * maintained groups answer it whenever the filter allows): one pass instead of three. The won
 * means are weighted back from each won stage's own (count, and how many have an entry time).
 */
async function cohortByOwner(c: WidgetCtx, cohort: unknown): Promise<CohortNums> {
  const { won, lost } = stagesOf(c);
  const rows = await aggregate(c, cohort, {
    by: [{ field: 'ownerId' }, { field: 'stage' }],
    measures: [
      { op: 'count' },
      { op: 'avg', field: 'stageEnteredAt' },
      { op: 'filled', field: 'stageEnteredAt' },
      { op: 'avg', field: 'createdAt' },
    ],
  });
  type Acc = { n: number; won: number; lost: number; sa: number; fa: number; ca: number };
  const acc = new Map<string | null, Acc>();
  for (const r of rows) {
    const owner = (r.keys[0] as string | null) ?? null;
    const stage = r.keys[1] as string | null;
    const [n, avgStage, filled, avgCreated] = r.values.map((v) => v ?? 0) as number[];
    let a = acc.get(owner);
    if (!a) acc.set(owner, (a = { n: 0, won: 0, lost: 0, sa: 0, fa: 0, ca: 0 }));
    a.n += n!;
    if (stage !== null && lost.includes(stage)) a.lost += n!;
    if (stage !== null && won.includes(stage)) {
      a.won += n!;
      a.sa += avgStage! * filled!;
      a.fa += filled!;
      a.ca += avgCreated! * n!;
    }
  }
  const pick = (f: (a: Acc) => (number | null)[]): OwnerNums =>
    new Map([...acc].map(([owner, a]) => [owner, f(a)]));
  return {
    leads: pick((a) => [a.n]),
    won: new Map(
      [...acc]
        .filter(([, a]) => a.won > 0)
        .map(([owner, a]) => [owner, [a.won, a.fa ? a.sa / a.fa : null, a.ca / a.won]]),
    ),
    lost: pick((a) => [a.lost]),
  };
}

/** Leads created in the range, and the won ones: won in the cohort, or (basis period) won during the range. */
function sets(c: WidgetCtx, r: Range) {
  const { won, lost } = stagesOf(c);
  const cohort = and(c.base, within('createdAt', r, false));
  const wonFilter =
    c.widget.basis === 'period'
      ? and(c.base, isIn('stage', won), within('stageEnteredAt', r, false))
      : and(cohort, isIn('stage', won));
  return { cohort, wonFilter, lostFilter: and(cohort, isIn('stage', lost)) };
}

/**
 * Per owner: leads, won, conversion, average cycle days of the won ones (entering the won
 * stage minus creation), lost, the drop rate at each open stage (lost with that stage as the
 * furthest reached, of those that reached it), and leads and won in the previous period.
 * Records without an owner come apart (`unowned`), not as a ranked row.
 * Three reads for a cohort basis (this period by owner and stage, the furthest stages with the
 * lost ones marked, the previous period); a period basis reads its won records apart.
 */
export const leaderboard: WidgetRunner = async (c) => {
  const { forward, open, lost: lostStages } = stagesOf(c);
  const wonMeasures = [
    { op: 'count' as const },
    { op: 'avg' as const, field: 'stageEnteredAt' },
    { op: 'avg' as const, field: 'createdAt' },
  ];
  const period = c.widget.basis === 'period';
  const now = sets(c, c.range);
  const ranks = Object.fromEntries(forward.map((s, k) => [s.key, k]));
  const s = await c.scopeOf(c.entity);
  const prev = c.previous ? sets(c, c.previous) : null;
  // The reads do not depend on one another: on PostgreSQL each takes its own connection of the
  // read pool, so the widget waits for the longest rather than their sum.
  const [cohort, wonNow, reached, before, wonBefore] = await Promise.all([
    cohortByOwner(c, now.cohort),
    period ? byOwner(c, now.wonFilter, wonMeasures) : null,
    s === 'none'
      ? []
      : c.repo
          .reach(c.entity, {
            ranks,
            by: 'ownerId',
            mark: lostStages,
            ...(now.cohort !== null ? { filter: now.cohort } : {}),
            ...(s.scope !== undefined ? { scope: s.scope } : {}),
            context: s.context,
          })
          .then(must),
    prev ? cohortByOwner(c, prev.cohort) : null,
    prev && period ? byOwner(c, prev.wonFilter, [{ op: 'count' }]) : null,
  ]);
  const { leads, lost } = cohort;
  const won = wonNow ?? cohort.won;
  const leadsPrev = before?.leads ?? null;
  const wonPrev = wonBefore ?? before?.won ?? null;

  const owners = new Set<string | null>([...leads.keys(), ...won.keys()]);
  // Every owner's name at once (each a look-up of its own): one after another they were 40
  // round trips at the end of every leaderboard.
  const names = new Map(
    await Promise.all(
      [...owners].map(
        async (o) => [o, o === null ? c.text('unassigned') : await c.label('ownerId', o)] as const,
      ),
    ),
  );
  const rows: ReportRow[] = [];
  // Records without an owner are not a rep: they are answered apart, never ranked.
  let unowned: ReportRow | undefined;
  for (const owner of owners) {
    const mine = eq('ownerId', owner);
    const n = (m: OwnerNums | null, i = 0) => m?.get(owner)?.[i] ?? 0;
    const w = won.get(owner);
    const cycle =
      w && w[1] !== null && w[2] !== null && w[1] !== undefined && w[2] !== undefined
        ? (w[1] - w[2]) / DAY_MS
        : null;
    const values: Record<string, Num> = {
      leads: { value: n(leads), filter: and(now.cohort, mine) },
      won: { value: n(won), filter: and(now.wonFilter, mine) },
      conversion: { value: ratio(n(won), n(leads)) },
      cycleDays: { value: cycle, filter: and(now.wonFilter, mine) },
      lost: { value: n(lost), filter: and(now.lostFilter, mine) },
    };
    open.forEach((stage) => {
      const k = ranks[stage]!;
      const reachedHere = reached
        .filter((r) => r.key === owner && r.rank >= k)
        .reduce((a, r) => a + r.records, 0);
      const lostHere = reached.find((r) => r.key === owner && r.rank === k)?.marked ?? 0;
      const later = forward.slice(k + 1).map((st) => ({ '!': entered(st.key) }));
      values[`drop:${stage}`] = {
        value: ratio(lostHere, reachedHere),
        filter: and(now.lostFilter, mine, entered(stage), ...later),
      };
    });
    if (prev) {
      values.leadsPrevious = { value: n(leadsPrev), filter: and(prev.cohort, mine) };
      values.wonPrevious = { value: n(wonPrev), filter: and(prev.wonFilter, mine) };
    }
    const row = { key: owner ?? '', label: names.get(owner)!, values };
    if (owner === null) unowned = row;
    else rows.push(row);
  }
  rows.sort(
    (a, b) =>
      (b.values.won!.value ?? 0) - (a.values.won!.value ?? 0) ||
      (b.values.leads!.value ?? 0) - (a.values.leads!.value ?? 0) ||
      a.label.localeCompare(b.label),
  );
  const columns: ReportColumn[] = [
    { key: 'leads', label: recordsLabel(c), unit: 'count' },
    { key: 'won', label: c.text('won'), unit: 'count' },
    { key: 'conversion', label: c.text('conversion'), unit: 'ratio' },
    { key: 'cycleDays', label: c.text('cycleDays'), unit: 'days' },
    { key: 'lost', label: c.text('lost'), unit: 'count' },
    ...open.map((stage) => ({
      key: `drop:${stage}`,
      label: c.text('dropAt', {
        stage: localize(forward.find((f) => f.key === stage)?.label, c.locale),
      }),
      unit: 'ratio' as const,
    })),
    ...(prev
      ? [
          { key: 'leadsPrevious', label: c.text('leadsPrevious'), unit: 'count' as const },
          { key: 'wonPrevious', label: c.text('wonPrevious'), unit: 'count' as const },
        ]
      : []),
  ];
  return {
    columns,
    rows: rows.slice(0, c.widget.limit ?? 10),
    ...(unowned ? { unowned } : {}),
  };
};
