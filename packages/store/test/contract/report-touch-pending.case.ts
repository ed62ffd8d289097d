import { describe, expect, it } from 'vitest';
import type { AggregateQuery, StoredRecord, Touch } from '../../src/index';
import { useStore, type StoreFactory } from './factory';
import { ok, rng } from './seeded';

const H = 3_600_000;
const DAY = 86_400_000;
// Late in January: the records span February and March whole, January and April in part.
const T0 = Date.UTC(2026, 0, 24, 9, 30);
/** True for every record, on a field no group holds: the full query over the records. */
const FULL = { '!=': [{ var: 'name' }, '-'] };
const WON = { in: [{ var: 'stage' }, ['won']] };
const at = (m: number, d: number, h = 0) => Date.UTC(2026, m, d, h);
/** Ranges that read whole months from the groups (and partial ones from the rows). */
const RANGES: [number | undefined, number | undefined][] = [
  [undefined, undefined],
  [at(1, 1), at(3, 1)],
  [at(0, 31, 16), at(2, 31, 16)],
  [at(1, 3), undefined],
];

/**
 * SQLite writes the first-touch month groups behind (touch-sql.ts TOUCH_PENDING): the triggers
 * queue each group change, `foldReportGroups` moves them into report_touch_months later, and
 * attribution reads both. With nothing, part or all of the queue folded — after creates with
 * their touches, later touches that become the first, amounts, stages and teams changed, a
 * delete, a restore and a rolled-back transaction — attribution by first touch over whole months
 * equals the full query over the records. PostgreSQL keeps its groups in the write's transaction:
 * nothing waits, and the same reads hold.
 */
export function reportTouchPendingContract(factory: StoreFactory): void {
  const ctx = useStore(factory);
  const sqlite = factory.dialect === 'sqlite';
  const records = () => ctx.store.records(ctx.spec);
  const fold = (n: number) =>
    ctx.store.transaction((tx) => tx.records(ctx.spec).foldReportGroups(n));
  /** Changes waiting in each queue (SQLite's tables; PostgreSQL has none). */
  const waiting = async () =>
    sqlite
      ? {
          groups: await ctx.store.tables.count('report_group_pending'),
          touch: await ctx.store.tables.count('report_touch_pending'),
        }
      : { groups: 0, touch: 0 };

  const query = (w: unknown[]): AggregateQuery => ({
    ...(w.length ? { filter: { and: w } } : {}),
    by: [{ field: 'firstUtmCampaign' }, { field: 'teamId' }],
    measures: [
      { op: 'count' },
      { op: 'count', where: WON },
      { op: 'sum', field: 'budget', where: WON },
    ],
  });
  const sorted = (xs: { keys: unknown[] }[]) =>
    [...xs].sort((a, b) => (JSON.stringify(a.keys) < JSON.stringify(b.keys) ? -1 : 1));

  /** Attribution for every range from the groups (and queue) against the full query. */
  async function expectExact(): Promise<number> {
    const reports = ctx.store.reports(ctx.spec);
    let counted = 0;
    for (const [from, to] of RANGES) {
      const w = [
        ...(from === undefined ? [] : [{ '>=': [{ var: 'createdAt' }, from] }]),
        ...(to === undefined ? [] : [{ '<': [{ var: 'createdAt' }, to] }]),
      ];
      const fast = await ok(reports.aggregate('lead', query(w)));
      const full = await ok(reports.aggregate('lead', query([...w, FULL])));
      expect(sorted(fast), JSON.stringify([from, to])).toEqual(sorted(full));
      counted += fast.reduce((n, r) => n + (r.values[0] ?? 0), 0);
    }
    return counted;
  }

  describe(`${factory.dialect}: first-touch groups written behind`, () => {
    it('answers attribution exactly with changes waiting, partly folded and folded', async () => {
      const next = rng(53);
      const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!;
      let n = 0;
      const touch = (l: StoredRecord, before = false): Touch => ({
        id: `t${String(500 - n++).padStart(4, '0')}`,
        entity: 'lead',
        recordId: l.id,
        kind: 'form',
        sourceKey: null,
        utmSource: pick(['douyin', 'wechat']),
        utmMedium: null,
        utmCampaign: pick(['c1', 'c2', 'c3', null]),
        utmContent: null,
        utmTerm: null,
        referrer: null,
        landingUrl: null,
        // `before`: earlier than the record's touches so far, so it becomes the first.
        at: l.createdAt + (before ? -H : Math.floor(next() * 50) * H),
      });
      const live: StoredRecord[] = [];
      for (let i = 0; i < 30; i++) {
        const createdAt = T0 + Math.floor(next() * 70 * DAY);
        const l = await ok(
          records().insert(
            'lead',
            {
              name: `P${i}`,
              createdAt,
              teamId: pick(['north', 'south', null]),
              stage: pick(['new', 'won', 'lost']),
              budget: next() < 0.3 ? null : 100 * (1 + i),
            },
            { now: createdAt },
          ),
        );
        if (i % 5 !== 0) await ctx.store.touches.append(touch(l));
        live.push(l);
      }
      const queued = await waiting();
      expect(queued.touch > 0).toBe(sqlite);
      // Nothing folded: the whole months come from the queue alone.
      expect(await expectExact()).toBeGreaterThan(40);

      // Part of the touch queue folded (the report groups' queue is folded first).
      const moved = await fold(queued.groups + Math.floor(queued.touch / 2));
      expect(moved).toBe(sqlite ? queued.groups + Math.floor(queued.touch / 2) : 0);
      const half = await waiting();
      expect(half.groups).toBe(0);
      expect(half.touch).toBe(queued.touch - Math.floor(queued.touch / 2));
      await expectExact();

      // Writes on top of the half-folded groups: an earlier touch, amounts, stages, teams.
      for (let i = 0; i < 24; i++) {
        const k = Math.floor(next() * live.length);
        const l = live[k]!;
        const r = i % 4;
        if (r === 0) await ctx.store.touches.append(touch(l, true));
        else {
          const change =
            r === 1
              ? { budget: next() < 0.3 ? null : 7 * (1 + i) }
              : r === 2
                ? { stage: pick(['new', 'won', 'lost']) }
                : { teamId: pick(['north', 'south', null]) };
          live[k] = await ok(records().update('lead', l.id, change, l.version));
        }
      }
      await expectExact();
      await ok(records().softDelete('lead', live[3]!.id));
      await ok(records().softDelete('lead', live[8]!.id));
      await ok(records().restore('lead', live[8]!.id));
      await expectExact();

      // Everything folded: a rolled-back write then queues nothing.
      await fold(1_000_000);
      expect(await waiting()).toEqual({ groups: 0, touch: 0 });
      await expect(
        ctx.store.transaction(async (tx) => {
          const l = await ok(
            tx.records(ctx.spec).insert('lead', { name: 'gone', createdAt: at(1, 9), budget: 5 }),
          );
          await tx.touches.append({ ...touch(l), id: 'gone' });
          throw new Error('roll back');
        }),
      ).rejects.toThrow('roll back');
      expect(await waiting()).toEqual({ groups: 0, touch: 0 });
      await expectExact();
      const groups = await ctx.store.tables.rows('report_touch_months');
      // The fold deletes the groups it emptied.
      expect(groups.every((g) => Number(g.records) > 0)).toBe(true);
    });

    it.runIf(sqlite)('adds the queue to the groups in the read', async () => {
      // A change planted in the queue shows in the groups' answer, not in the full query's.
      await ctx.store.transaction((tx) =>
        tx.tables.insert('report_touch_pending', [
          {
            entity: 'lead',
            month: at(1, 1) / DAY,
            field: 'budget',
            team_id: '',
            stage: 'won',
            utm_source: '',
            utm_medium: '',
            utm_campaign: '=planted',
            utm_content: '',
            records: 3,
            amount_sum: 12,
            amount_n: 1,
          },
        ]),
      );
      const w = [
        { '>=': [{ var: 'createdAt' }, at(1, 1)] },
        { '<': [{ var: 'createdAt' }, at(3, 1)] },
      ];
      const reports = ctx.store.reports(ctx.spec);
      const planted = (xs: { keys: unknown[] }[]) => xs.filter((x) => x.keys[0] === 'planted');
      expect(planted(await ok(reports.aggregate('lead', query(w))))).toEqual([
        { keys: ['planted', null], values: [3, 3, 12] },
      ]);
      expect(planted(await ok(reports.aggregate('lead', query([...w, FULL]))))).toEqual([]);
      // Folded, the same change is read from the group.
      expect(await fold(10)).toBe(1);
      expect(planted(await ok(reports.aggregate('lead', query(w))))).toEqual([
        { keys: ['planted', null], values: [3, 3, 12] },
      ]);
    });
  });
}
