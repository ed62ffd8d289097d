import { describe, expect, it } from 'vitest';
import type { AggregateQuery, AggregateRow, AppShape, StoredRecord } from '../../src/index';
import { baseSpec, leadEntity } from '../fixtures';
import { useStore, type StoreFactory } from './factory';
import { allOk, ok, rng } from './seeded';

const DAY = 86_400_000;
// Mid-day, late in a month: the records span three UTC months and part of a fourth.
const T0 = Date.UTC(2026, 0, 20, 9, 30);
const STAGES = ['new', 'trial', 'won', 'lost', null];
const TEAMS = ['north', 'south', null];
const OWNERS = ['u1', 'u2', 'u3', null];
const CAMPAIGNS = ['c1', 'c2', 'c3', '', null];
const VARIANTS = ['A', 'B', null];
const WON = { in: [{ var: 'stage' }, ['won']] };
/** True for every record, on a field no index holds: the full query over the table. */
const FULL = { '!=': [{ var: 'name' }, '-'] };

/** Leads with a campaign and a creative, and the campaign attribution widget that reads them. */
const spec: AppShape = {
  ...baseSpec,
  entities: [
    {
      ...leadEntity,
      fields: [
        ...leadEntity.fields,
        { key: 'campaignCode', type: 'text' },
        { key: 'variant', type: 'text' },
      ],
    },
  ],
  dashboards: [
    {
      widgets: [
        {
          type: 'attribution',
          entity: 'lead',
          field: 'campaignCode',
          split: 'variant',
          measure: { op: 'sum', field: 'budget' },
        },
      ],
    },
  ],
};

type Lead = StoredRecord & {
  campaignCode?: string | null;
  variant?: string | null;
  budget?: number | null;
};

/** What the engine's attribution widget asks (widgets/attribution.ts), with `keys` its group keys. */
const attribution = (keys: string[], filter: unknown[], scope?: unknown): AggregateQuery => ({
  ...(filter.length ? { filter: { and: filter } } : {}),
  ...(scope ? { scope } : {}),
  by: keys.map((field) => ({ field })),
  measures: [
    { op: 'count' },
    { op: 'count', where: WON },
    { op: 'sum', field: 'budget', where: WON },
  ],
});

/** The same numbers from the live records, in the test. */
function bruteForce(live: Lead[], keys: string[], test: (l: Lead) => boolean): AggregateRow[] {
  const groups = new Map<string, AggregateRow>();
  for (const l of live) {
    if (!test(l)) continue;
    const k = keys.map((f) => (l as Record<string, unknown>)[f] ?? null);
    const g = groups.get(JSON.stringify(k)) ?? { keys: k, values: [0, 0, null] };
    const won = l.stage === 'won';
    g.values[0]! += 1;
    g.values[1]! += won ? 1 : 0;
    if (won && l.budget !== null && l.budget !== undefined)
      g.values[2] = (g.values[2] ?? 0) + l.budget;
    groups.set(JSON.stringify(k), g);
  }
  return sorted([...groups.values()]);
}

const sorted = (xs: AggregateRow[]) =>
  [...xs].sort((a, b) => (JSON.stringify(a.keys) < JSON.stringify(b.keys) ? -1 : 1));

/**
 * Campaign attribution by fields of the record (SQLite reads it from the attribution index the
 * widget asks for: entity/attribution-columns.ts) against a brute-force grouping of the live
 * records, after records created one by one and in bulk, campaigns, variants, amounts, stages,
 * teams and owners changed, deletes and restores and a rolled-back transaction: for a manager,
 * a supervisor (team scope), a rep (own records) and a dashboard's team filter, over ranges
 * open, wide and a few days long, and against the full query over the table.
 */
export function reportFieldAttributionContract(factory: StoreFactory): void {
  const ctx = useStore(factory, { spec });

  describe(`${factory.dialect}: campaign attribution by record fields`, () => {
    it('answers as a brute-force count through value changes, deletes, restores, bulk writes and a rollback, for every scope', async () => {
      const next = rng(61);
      const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!;
      const records = () => ctx.store.records(spec);
      const ids: string[] = [];
      const fields = () => ({
        teamId: pick(TEAMS),
        ownerId: pick(OWNERS),
        stage: pick(STAGES),
        campaignCode: pick(CAMPAIGNS),
        variant: pick(VARIANTS),
        budget: next() < 0.3 ? null : 100 * Math.floor(1 + next() * 50),
        createdAt: T0 + Math.floor(next() * 75 * DAY),
      });
      for (let i = 0; i < 30; i++) {
        const f = fields();
        ids.push(
          (await ok(records().insert('lead', { name: `S${i}`, ...f }, { now: f.createdAt }))).id,
        );
      }
      const bulk = async (count: number, start: number) => {
        const made = await records().insertMany(
          'lead',
          Array.from({ length: count }, (_, i) => ({ name: `B${start + i}`, ...fields() })),
        );
        ids.push(...allOk(made).map((l) => l.id));
      };
      await bulk(30, 0);
      const deleted = new Set<string>();
      for (let round = 0; round < 120; round++) {
        const id = pick(ids);
        const now = (await records().get('lead', id))!;
        const live = !deleted.has(id);
        const f = fields();
        const r = next();
        const set = (patch: Record<string, unknown>) =>
          ok(records().update('lead', id, patch, now.version));
        if (r < 0.15) {
          if (live) await set({ campaignCode: f.campaignCode });
        } else if (r < 0.27) {
          if (live) await set({ variant: f.variant });
        } else if (r < 0.4) {
          if (live) await set({ budget: f.budget });
        } else if (r < 0.55) {
          // Won, reopened, lost.
          if (live) await set({ stage: f.stage });
        } else if (r < 0.63) {
          if (live) await set({ teamId: f.teamId, ownerId: f.ownerId });
        } else if (r < 0.75) {
          if (!live) {
            await ok(records().restore('lead', id));
            deleted.delete(id);
          } else {
            await ok(records().softDelete('lead', id));
            if (next() < 0.4) await ok(records().restore('lead', id));
            else deleted.add(id);
          }
        } else if (r < 0.82) {
          // A campaign, a stage and a new record, rolled back together.
          await expect(
            ctx.store.transaction(async (tx) => {
              if (live)
                await ok(
                  tx
                    .records(spec)
                    .update('lead', id, { campaignCode: 'gone', stage: 'won' }, now.version),
                );
              await ok(tx.records(spec).insert('lead', { name: 'gone', ...fields() }));
              throw new Error('roll back');
            }),
          ).rejects.toThrow('roll back');
        } else if (r < 0.87) await bulk(8, 100 + round);
        else {
          const g = fields();
          ids.push((await ok(records().insert('lead', { name: `N${round}`, ...g }))).id);
        }
      }

      const live: Lead[] = [];
      for (const id of ids) {
        const l = (await records().get('lead', id)) as Lead | null;
        if (l && l.deletedAt === null) live.push(l);
      }
      expect(live.length).toBeGreaterThan(70);
      expect(live.length).toBeLessThan(ids.length);
      expect(live.some((l) => l.campaignCode === 'gone')).toBe(false);

      const reports = ctx.store.reports(spec);
      const at = (m: number, d: number, h = 0) => Date.UTC(2026, m, d, h);
      const ranges: [number | undefined, number | undefined][] = [
        [undefined, undefined],
        [at(0, 31, 16), at(2, 31, 16)],
        [at(1, 3, 5), at(2, 27)],
        [at(0, 25), undefined],
        [undefined, at(2, 2, 7)],
        [at(1, 10), at(1, 14)],
      ];
      const readers: {
        name: string;
        scope?: unknown;
        more: unknown[];
        test: (l: Lead) => boolean;
      }[] = [
        { name: 'manager', more: [], test: () => true },
        {
          name: 'supervisor',
          scope: { in: [{ var: 'teamId' }, ['north']] },
          more: [],
          test: (l) => l.teamId === 'north',
        },
        {
          name: 'rep',
          scope: { '==': [{ var: 'ownerId' }, 'u2'] },
          more: [],
          test: (l) => l.ownerId === 'u2',
        },
        {
          name: 'team filter',
          more: [{ '==': [{ var: 'teamId' }, 'south'] }],
          test: (l) => l.teamId === 'south',
        },
      ];
      let groups = 0;
      for (const [from, to] of ranges)
        for (const reader of readers)
          for (const keys of [['campaignCode', 'variant'], ['campaignCode']]) {
            const w = [
              ...(from === undefined ? [] : [{ '>=': [{ var: 'createdAt' }, from] }]),
              ...(to === undefined ? [] : [{ '<': [{ var: 'createdAt' }, to] }]),
              ...reader.more,
            ];
            const inRange = (l: Lead) =>
              (from === undefined || l.createdAt >= from) && (to === undefined || l.createdAt < to);
            const label = JSON.stringify([reader.name, keys, from, to]);
            const got = sorted(
              await ok(reports.aggregate('lead', attribution(keys, w, reader.scope))),
            );
            const want = bruteForce(live, keys, (l) => inRange(l) && reader.test(l));
            expect(got, label).toEqual(want);
            const full = await ok(
              reports.aggregate('lead', attribution(keys, [...w, FULL], reader.scope)),
            );
            expect(sorted(full), label).toEqual(want);
            groups += got.length;
          }
      expect(groups).toBeGreaterThan(300);
      // The data reach every kind of group: none and '' apart, won revenue and none.
      const all = bruteForce(live, ['campaignCode', 'variant'], () => true);
      expect(all.some((g) => g.keys[0] === null)).toBe(true);
      expect(all.some((g) => g.keys[0] === '')).toBe(true);
      expect(all.some((g) => g.values[2] === null)).toBe(true);
      expect(all.filter((g) => (g.values[2] ?? 0) > 0).length).toBeGreaterThan(5);
    }, 40_000); // ~350 writes, each a round trip on PostgreSQL; 6× and more under the suite's load
  });
}
