import { describe, expect, it } from 'vitest';
import type { AggregateRow, ReachRow, ReportRepo, StoredRecord } from '../../src/index';
import { useStore, type StoreFactory } from './factory';
import { rng, ok } from './seeded';

const STAGES = ['new', 'qualified', 'trial', 'quoted', 'won', 'lost'];
const RANKS = { new: 0, qualified: 1, trial: 2, quoted: 3, won: 4 };
const DAY = 86_400_000;
const H = 3_600_000;
// Not a UTC midnight: every range below has partial days at its ends.
const T0 = Date.UTC(2026, 0, 1, 7, 13);

/** Always true, but on a field report_cohorts does not hold: forces the full query. */
const FULL = { '!=': [{ var: 'id' }, ''] };

/**
 * report_cohorts (per day) and report_cohort_months are kept by triggers in every write's
 * transaction: after random inserts, stage moves, owner and team changes, deletes, restores and a
 * rolled-back transaction, the cohort funnel and leaderboard queries answered from them equal the
 * full query over the records, and every month group is the sum of its days' groups.
 */
export function reportCohortsContract(factory: StoreFactory): void {
  const ctx = useStore(factory);
  const repo = (): ReportRepo => ctx.store.reports(ctx.spec);

  async function churn(seed: number, n: number, spanDays = 12): Promise<StoredRecord[]> {
    const next = rng(seed);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!;
    const live: StoredRecord[] = [];
    const gone: StoredRecord[] = [];
    const records = () => ctx.store.records(ctx.spec);
    for (let i = 0; i < n; i++) {
      const roll = next();
      const at = T0 + Math.floor(next() * spanDays * DAY);
      if (roll < 0.35 || live.length < 5) {
        const rec = await ok(
          records().insert(
            'lead',
            {
              name: `L${seed}-${i}`,
              ownerId: pick(['u1', 'u2', 'u3', null]),
              teamId: pick(['north', 'south', null]),
              createdAt: at,
            },
            { now: at },
          ),
        );
        if (next() < 0.8)
          await ctx.store.transitions.append({
            entity: 'lead',
            recordId: rec.id,
            fromStage: null,
            toStage: 'new',
            actorId: null,
            via: 'test',
            at,
            dwellMs: null,
          });
        live.push(rec);
        continue;
      }
      const k = Math.floor(next() * live.length);
      const rec = live[k]!;
      const later = rec.createdAt + Math.floor(next() * 5 * DAY);
      const save = (r: StoredRecord) => (live[k] = r);
      if (roll < 0.65) {
        // A stage move: its transition before or after the record's update.
        const to = pick(STAGES);
        const move = () =>
          ctx.store.transitions.append({
            entity: 'lead',
            recordId: rec.id,
            fromStage: (rec.stage as string | null) ?? null,
            toStage: to,
            actorId: null,
            via: 'test',
            at: later,
            dwellMs: H,
          });
        if (next() < 0.5) await move();
        save(await ok(records().update('lead', rec.id, { stage: to }, rec.version)));
        if (live[k] !== rec && next() >= 0.5) await move();
      } else if (roll < 0.8) {
        save(
          await ok(
            records().update(
              'lead',
              rec.id,
              next() < 0.6
                ? { ownerId: pick(['u1', 'u2', 'u3', null]) }
                : { teamId: pick(['north', 'south', null]) },
              rec.version,
            ),
          ),
        );
      } else if (roll < 0.9) {
        await ok(records().softDelete('lead', rec.id));
        gone.push(...live.splice(k, 1));
      } else if (gone.length) {
        const back = gone.pop()!;
        live.push(await ok(records().restore('lead', back.id)));
      }
    }
    return live;
  }

  const sortReach = (rows: ReachRow[]) =>
    rows
      .filter((r) => r.records > 0)
      .map((r) => `${r.rank}|${String(r.key)}|${r.records}|${r.marked}`)
      .sort();
  const norm = (rows: AggregateRow[]) =>
    rows
      .map((r) => ({
        keys: r.keys,
        values: r.values.map((v) => (v === null ? null : Math.round(v))),
      }))
      .sort((a, b) => JSON.stringify(a.keys).localeCompare(JSON.stringify(b.keys)));

  const within = (from: number, to: number | undefined) => [
    { '>=': [{ var: 'createdAt' }, from] },
    ...(to === undefined ? [] : [{ '<': [{ var: 'createdAt' }, to] }]),
  ];
  const ranges: [number, number | undefined][] = [
    [T0 - DAY, T0 + 20 * DAY],
    [T0 + 2 * DAY + 5 * H, T0 + 7 * DAY + 3 * H],
    [T0 + 3 * DAY, T0 + 3 * DAY + 9 * H],
    [Date.UTC(2026, 0, 4), Date.UTC(2026, 0, 9)],
  ];
  const scopes = [
    undefined,
    { '==': [{ var: 'ownerId' }, { var: '$user.id' }] },
    { in: [{ var: 'teamId' }, { var: '$user.teams' }] },
  ];
  const context = { now: T0, user: { id: 'u2', teams: ['north'], roles: ['sales'] } };

  /**
   * Ranges over several UTC months (the records of `churn(…, 100)` span January to April): whole
   * months from the month groups, whole days at the ends from the day groups, partial days from
   * the records; a quarter in Asia/Shanghai, exact months, and an open end.
   */
  const monthRanges: [number, number | undefined][] = [
    [Date.UTC(2025, 11, 31, 16), Date.UTC(2026, 2, 31, 16)],
    [Date.UTC(2026, 0, 1), Date.UTC(2026, 3, 1)],
    [Date.UTC(2026, 0, 20, 5), Date.UTC(2026, 2, 2, 7)],
    [Date.UTC(2026, 1, 1), undefined],
    [T0 - DAY, T0 + 120 * DAY],
  ];

  /** Every month group equals the sum of its month's day groups (both kept on every write). */
  async function expectMonthsRollUpDays(): Promise<void> {
    const sum = (
      rows: Record<string, unknown>[],
      keyOf: (r: Record<string, unknown>) => string,
    ) => {
      const out = new Map<string, number[]>();
      for (const r of rows) {
        const k = keyOf(r);
        const v = ['records', 'sum_created', 'sum_stage_at', 'n_stage_at'].map((c) => Number(r[c]));
        const have = out.get(k);
        out.set(k, have ? have.map((x, i) => x + v[i]!) : v);
      }
      return [...out].filter(([, v]) => v[0] !== 0).sort(([a], [b]) => a.localeCompare(b));
    };
    const group = (r: Record<string, unknown>, month: number) =>
      [r.entity, month, r.owner_id, r.team_id, r.stage, r.entered].join('|');
    const monthOfDay = (day: number) => {
      const d = new Date(day * DAY);
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / DAY;
    };
    const days = await ctx.store.tables.rows('report_cohorts');
    const months = await ctx.store.tables.rows('report_cohort_months');
    expect(months.length).toBeGreaterThan(0);
    expect(months.every((r) => Number(r.records) !== 0)).toBe(true);
    expect(sum(months, (r) => group(r, Number(r.month)))).toEqual(
      sum(days, (r) => group(r, monthOfDay(Number(r.day)))),
    );
  }

  async function compareAll(ranges_ = ranges): Promise<void> {
    for (const [from, to] of ranges_)
      for (const scope of scopes)
        for (const extra of [[], [{ in: [{ var: 'stage' }, ['won', 'lost']] }]]) {
          const filter = { and: [...within(from, to), ...extra] };
          const base = { ...(scope ? { scope } : {}), context };
          for (const by of [undefined, 'ownerId', 'teamId']) {
            // The lost ones marked apart, as the leaderboard asks (groups and full query alike).
            const q = { ...base, ranks: RANKS, mark: ['lost'], ...(by ? { by } : {}) };
            const fast = await ok(repo().reach('lead', { ...q, filter }));
            const full = await ok(repo().reach('lead', { ...q, filter: { and: [filter, FULL] } }));
            expect(sortReach(fast)).toEqual(sortReach(full));
          }
          const measures = [
            { op: 'count' as const },
            { op: 'avg' as const, field: 'stageEnteredAt' },
            { op: 'avg' as const, field: 'createdAt' },
          ];
          for (const by of [
            [],
            [{ field: 'ownerId' }],
            [{ field: 'stage' }, { field: 'teamId' }],
          ]) {
            const fast = await ok(repo().aggregate('lead', { ...base, by, measures, filter }));
            const full = await ok(
              repo().aggregate('lead', { ...base, by, measures, filter: { and: [filter, FULL] } }),
            );
            expect(norm(fast)).toEqual(norm(full));
          }
        }
  }

  describe(`${factory.dialect}: report cohorts`, () => {
    it('answers cohort funnels and leaderboards from the groups exactly as the full query', async () => {
      const live = await churn(7, 160);
      expect(live.length).toBeGreaterThan(20);
      await compareAll();
      await expectMonthsRollUpDays();
    });

    it('answers ranges of several months from month, day and record reads exactly as the full query', async () => {
      const live = await churn(23, 260, 100);
      expect(new Set(live.map((r) => new Date(r.createdAt).getUTCMonth())).size).toBeGreaterThan(2);
      await expectMonthsRollUpDays();
      await compareAll(monthRanges);
    });

    it('spreads one busy group over rows on PostgreSQL (writers do not queue on one row) and counts it whole', async () => {
      const at = T0 + 2 * DAY;
      for (let i = 0; i < 48; i++)
        await ok(
          ctx.store
            .records(ctx.spec)
            .insert('lead', { name: `same-${i}`, createdAt: at }, { now: at }),
        );
      const rows = (await ctx.store.tables.rows('report_cohorts')).filter(
        (r) => r.entity === 'lead' && Number(r.day) === Math.floor(at / DAY),
      );
      const total = rows.reduce((n, r) => n + Number(r.records), 0);
      expect(total).toBe(48);
      if (factory.dialect === 'postgres') expect(rows.length).toBeGreaterThan(4);
      else expect(rows.length).toBe(1);
      // Read from the groups (whole days) and by the full query: both count 48.
      const day = Math.floor(at / DAY) * DAY;
      const filter = { and: within(day, day + DAY) };
      const measures = [{ op: 'count' as const }];
      const fast = await ok(repo().aggregate('lead', { context, measures, filter }));
      const full = await ok(
        repo().aggregate('lead', { context, measures, filter: { and: [filter, FULL] } }),
      );
      expect(fast.map((r) => r.values[0])).toEqual([48]);
      expect(full.map((r) => r.values[0])).toEqual([48]);
      await compareAll();
    });

    it('rolls the groups back with a failed transaction', async () => {
      await churn(11, 60);
      const before = await ok(repo().reach('lead', { ranks: RANKS, by: 'ownerId' }));
      await expect(
        ctx.store.transaction(async (tx) => {
          const r = await tx.records(ctx.spec).insert('lead', {
            name: 'gone',
            ownerId: 'u1',
            stage: 'won',
            createdAt: T0 + DAY,
          });
          if (!r.ok) throw new Error('insert failed');
          throw new Error('roll back');
        }),
      ).rejects.toThrow('roll back');
      const after = await ok(repo().reach('lead', { ranks: RANKS, by: 'ownerId' }));
      expect(sortReach(after)).toEqual(sortReach(before));
      await expectMonthsRollUpDays();
    });
  });
}
