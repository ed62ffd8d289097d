import { describe, expect, it } from 'vitest';
import type { AggregateQuery } from '../../src/index';
import { useStore, type StoreFactory } from './factory';
import { allOk, ok } from './seeded';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 20, 9, 30);
/** True for every record, on a field no group holds: the full query over the records. */
const FULL = { '!=': [{ var: 'name' }, '-'] };
const NONE = { and: [] };

/**
 * An empty `and` selects no record — JSONLogic's answer, and the full query's SQL — in the
 * reads kept groups answer too (report_cohorts' aggregates and furthest stages, the first-touch
 * groups), alone or inside another `and`: they took it for "no condition" and counted everything.
 */
export function reportEmptyAndContract(factory: StoreFactory): void {
  const ctx = useStore(factory);

  describe(`${factory.dialect}: an empty and in a report filter`, () => {
    it('selects nothing in the group reads, as in the full query', async () => {
      const made = allOk(
        await ctx.store.records(ctx.spec).insertMany(
          'lead',
          Array.from({ length: 12 }, (_, i) => ({
            name: `E${i}`,
            stage: ['new', 'trial', 'won'][i % 3],
            teamId: i % 2 ? 'north' : null,
            budget: 100 * i,
            createdAt: T0 + i * 5 * DAY,
          })),
        ),
      );
      await ctx.store.touches.appendMany(
        made.map((l, i) => ({
          id: `t${i}`,
          entity: 'lead',
          recordId: l.id,
          kind: 'form',
          sourceKey: null,
          utmSource: 'douyin',
          utmMedium: null,
          utmCampaign: `c${i % 2}`,
          utmContent: null,
          utmTerm: null,
          referrer: null,
          landingUrl: null,
          at: l.createdAt,
        })),
      );
      const reports = ctx.store.reports(ctx.spec);
      const since = { '>=': [{ var: 'createdAt' }, T0 + 10 * DAY] };
      const queries: AggregateQuery[] = [
        // report_cohorts
        { by: [{ field: 'stage' }], measures: [{ op: 'count' }] },
        { by: [], measures: [{ op: 'count' }] },
        // report_touch_months
        {
          by: [{ field: 'firstUtmCampaign' }],
          measures: [{ op: 'count' }, { op: 'sum', field: 'budget' }],
        },
      ];
      for (const q of queries) {
        const everything = await ok(reports.aggregate('lead', q));
        expect(everything.length, JSON.stringify(q)).toBeGreaterThan(0);
        for (const filter of [NONE, { and: [NONE, since] }, { and: [since, { and: [NONE] }] }]) {
          const fast = await ok(reports.aggregate('lead', { ...q, filter }));
          const full = await ok(
            reports.aggregate('lead', { ...q, filter: { and: [filter, FULL] } }),
          );
          // Without keys SQL's aggregate answers one row of zero.
          const none = q.by!.length ? [] : [{ keys: [], values: [0] }];
          expect(full, JSON.stringify(filter)).toEqual(none);
          expect(fast, JSON.stringify([q, filter])).toEqual(none);
        }
      }
      const ranks = { new: 0, trial: 1, won: 2 };
      expect((await ok(reports.reach('lead', { ranks }))).length).toBeGreaterThan(0);
      for (const filter of [NONE, { and: [NONE, since] }]) {
        expect(await ok(reports.reach('lead', { ranks, filter }))).toEqual([]);
        expect(await ok(reports.reach('lead', { ranks, filter: { and: [filter, FULL] } }))).toEqual(
          [],
        );
      }
    });
  });
}
