import { describe, expect, it } from 'vitest';
import type { AggregateQuery, StoredRecord, Touch } from '../../src/index';
import { useStore, type StoreFactory } from './factory';
import { allOk, ok, rng } from './seeded';

const H = 3_600_000;
const DAY = 86_400_000;
// Mid-day, late in a month: the records span three UTC months and part of a fourth.
const T0 = Date.UTC(2026, 0, 20, 9, 30);
const STAGES = ['new', 'trial', 'won', 'lost', null];
const TEAMS = ['north', 'south', null];
const SOURCES = ['douyin', 'wechat', '', null];
const CAMPAIGNS = ['c1', 'c2', 'c3', null];
const CONTENTS = ['A', 'B', null];
/** True for every record, on a field no group holds: the full query over the records. */
const FULL = { '!=': [{ var: 'name' }, '-'] };
const WON = { in: [{ var: 'stage' }, ['won']] };

const first = (xs: Touch[]): Touch | undefined =>
  [...xs].sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))[0];
const monthOf = (ms: number) => {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / DAY;
};
const enc = (v: string | null | undefined) => (v === null || v === undefined ? '' : `=${v}`);

/**
 * First-touch attribution's groups (report_touch_rows, report_touch_months: touch-sql.ts) against
 * a brute-force pass over the live records and every touch written, after records created one by
 * one and in bulk, touches written later (an earlier one becomes the first), reassigned teams, amounts
 * set, changed and cleared, stages won and reopened, records deleted and restored and a
 * rolled-back transaction; and attribution's aggregate over them (touch-read.ts) against the
 * full query over the records, for ranges cut at every kind of month edge.
 */
export function reportTouchGroupsContract(factory: StoreFactory): void {
  const ctx = useStore(factory);

  describe(`${factory.dialect}: first-touch attribution groups`, () => {
    it('keeps the groups exact through touches, amounts, stages, teams, deletes, bulk writes and a rollback, and answers as the full query', async () => {
      const next = rng(47);
      const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!;
      const records = () => ctx.store.records(ctx.spec);
      const leads: StoredRecord[] = [];
      const touches: Touch[] = [];
      let n = 0;
      const fields = () => ({
        teamId: pick(TEAMS),
        stage: pick(STAGES),
        budget: next() < 0.3 ? null : 100 * Math.floor(1 + next() * 50),
        createdAt: T0 + Math.floor(next() * 75 * DAY),
      });
      const touch = (l: StoredRecord): Touch => {
        // Some come before the record's first touch so far: the first one changes.
        const at = l.createdAt + Math.floor((next() * 200 - 100) * H);
        return {
          id: `t${String(900 - n++).padStart(4, '0')}`,
          entity: 'lead',
          recordId: l.id,
          kind: 'form',
          sourceKey: null,
          utmSource: pick(SOURCES),
          utmMedium: pick(['cpc', null]),
          utmCampaign: pick(CAMPAIGNS),
          utmContent: pick(CONTENTS),
          utmTerm: null,
          referrer: null,
          landingUrl: null,
          at,
        };
      };
      const create = async (i: number) => {
        const f = fields();
        const l = await ok(records().insert('lead', { name: `S${i}`, ...f }, { now: f.createdAt }));
        leads.push(l);
        // Most records come with their touch; a few get theirs later, a few none.
        for (const more of [0.8, 0.4]) {
          if (next() >= more) break;
          const t = touch(l);
          await ctx.store.touches.append(t);
          touches.push(t);
        }
      };
      const bulk = async (count: number, start: number) => {
        const made = await records().insertMany(
          'lead',
          Array.from({ length: count }, (_, i) => ({ name: `B${start + i}`, ...fields() })),
        );
        const more = allOk(made);
        leads.push(...more);
        const ts = more.filter(() => next() < 0.7).map(touch);
        await ctx.store.touches.appendMany(ts);
        touches.push(...ts);
      };
      const deleted = new Set<string>();
      const current = async (l: StoredRecord) => (await records().get('lead', l.id)) ?? l;

      for (let i = 0; i < 14; i++) await create(i);
      await bulk(24, 0);
      for (let round = 0; round < 120; round++) {
        const l = pick(leads);
        const now = await current(l);
        const live = !deleted.has(l.id);
        const r = next();
        if (r < 0.2) {
          // Won, reopened, lost.
          if (live) await ok(records().update('lead', l.id, { stage: pick(STAGES) }, now.version));
        } else if (r < 0.32) {
          if (live) await ok(records().update('lead', l.id, { teamId: pick(TEAMS) }, now.version));
        } else if (r < 0.46) {
          const budget = next() < 0.25 ? null : 100 * Math.floor(1 + next() * 50);
          if (live) await ok(records().update('lead', l.id, { budget }, now.version));
        } else if (r < 0.6) {
          const t = touch(l);
          await ctx.store.touches.append(t);
          touches.push(t);
        } else if (r < 0.68) {
          if (!live) {
            await ok(records().restore('lead', l.id));
            deleted.delete(l.id);
          } else {
            await ok(records().softDelete('lead', l.id));
            if (next() < 0.4) await ok(records().restore('lead', l.id));
            else deleted.add(l.id);
          }
        } else if (r < 0.76) {
          // An amount, a stage, a touch and a new record, rolled back together.
          await expect(
            ctx.store.transaction(async (tx) => {
              if (live)
                await ok(
                  tx
                    .records(ctx.spec)
                    .update('lead', l.id, { budget: 7, stage: 'won' }, now.version),
                );
              await tx.touches.append({ ...touch(l), id: 'gone', at: 0 });
              await ok(tx.records(ctx.spec).insert('lead', { name: 'gone', ...fields() }));
              throw new Error('roll back');
            }),
          ).rejects.toThrow('roll back');
        } else if (r < 0.82) await bulk(17, 100 + round);
        else await create(1000 + round);
      }

      const live: StoredRecord[] = [];
      for (const l of leads) {
        const now = await records().get('lead', l.id);
        if (now && now.deletedAt === null) live.push(now);
      }
      expect(live.length).toBeGreaterThan(70);
      expect(live.length).toBeLessThan(leads.length);
      const firstOf = new Map<string, Touch | undefined>();
      for (const l of live) firstOf.set(l.id, first(touches.filter((t) => t.recordId === l.id)));
      // Some records' first touch is not their first written one.
      expect(
        live.filter((l) => firstOf.get(l.id)?.id !== touches.find((t) => t.recordId === l.id)?.id)
          .length,
      ).toBeGreaterThan(3);

      // Brute force: each live record in the group of its month, team, stage and first touch.
      const brute = new Map<string, number[]>();
      for (const l of live) {
        const t = firstOf.get(l.id);
        const budget = (l.budget ?? null) as number | null;
        const k = [
          monthOf(l.createdAt),
          'budget',
          l.teamId ?? '',
          l.stage ?? '',
          enc(t?.utmSource),
          enc(t?.utmMedium),
          enc(t?.utmCampaign),
          enc(t?.utmContent),
        ].join('|');
        const v = [1, budget ?? 0, budget === null ? 0 : 1];
        const have = brute.get(k);
        brute.set(k, have ? have.map((x, i) => x + v[i]!) : v);
      }
      const rows = (await ctx.store.tables.rows('report_touch_months')).filter(
        (g) => g.entity === 'lead',
      );
      // An emptied group is deleted.
      expect(rows.every((g) => Number(g.records) > 0)).toBe(true);
      // PostgreSQL splits a group over its records' shards: the rows of a key add up.
      const have = new Map<string, number[]>();
      for (const g of rows) {
        const k = [
          g.month,
          g.field,
          g.team_id,
          g.stage,
          g.utm_source,
          g.utm_medium,
          g.utm_campaign,
          g.utm_content,
        ]
          .map(String)
          .join('|');
        const v = [Number(g.records), Number(g.amount_sum), Number(g.amount_n)];
        const was = have.get(k);
        have.set(k, was ? was.map((x, i) => x + v[i]!) : v);
      }
      expect(rows.some((g) => Number(g.shard) > 0)).toBe(factory.dialect === 'postgres');
      expect(Object.fromEntries(have)).toEqual(Object.fromEntries(brute));
      expect(brute.size).toBeGreaterThan(40);
      const kept = (await ctx.store.tables.rows('report_touch_rows')).filter(
        (r) => r.entity === 'lead',
      );
      expect(kept.map((r) => r.record_id).sort()).toEqual(live.map((l) => l.id).sort());

      // The aggregate over the groups answers as the full query (a condition on a field no group
      // holds), for ranges at every kind of edge: open, whole months, a partial month's small
      // and large part at each end, inside one month (a few days, most of it).
      const reports = ctx.store.reports(ctx.spec);
      const at = (m: number, d: number, h = 0) => Date.UTC(2026, m, d, h);
      const ranges: [number | undefined, number | undefined][] = [
        [undefined, undefined],
        [at(1, 1), at(3, 1)],
        [at(0, 31, 16), at(2, 31, 16)],
        [at(1, 3, 5), at(2, 27)],
        [at(0, 25), undefined],
        [undefined, at(2, 2, 7)],
        [at(1, 10), at(1, 14)],
        [at(1, 2), at(1, 27, 12)],
      ];
      // `w`: the range's bounds (none: the query has no filter), `more`: further conditions.
      const within = (w: unknown[], more: unknown[] = []) =>
        w.length + more.length ? { filter: { and: [...w, ...more] } } : {};
      const queries: ((w: unknown[], more?: unknown[]) => AggregateQuery)[] = [
        (w, more) => ({
          ...within(w, more),
          by: [{ field: 'firstUtmCampaign' }, { field: 'firstUtmContent' }],
          measures: [
            { op: 'count' },
            { op: 'count', where: WON },
            { op: 'sum', field: 'budget', where: WON },
          ],
        }),
        (w, more) => ({
          ...within(w, more),
          scope: { in: [{ var: 'teamId' }, ['north', 'south']] },
          by: [{ field: 'firstUtmSource' }, { field: 'stage' }],
          measures: [{ op: 'sum', field: 'budget' }, { op: 'count' }],
        }),
        (w, more = []) => ({
          ...within(w, [{ '!=': [{ var: 'stage' }, 'lost'] }, ...more]),
          by: [{ field: 'teamId' }, { field: 'firstUtmMedium' }],
          measures: [{ op: 'count' }],
        }),
      ];
      let fastRows = 0;
      for (const [from, to] of ranges) {
        const w = [
          ...(from === undefined ? [] : [{ '>=': [{ var: 'createdAt' }, from] }]),
          ...(to === undefined ? [] : [{ '<': [{ var: 'createdAt' }, to] }]),
        ];
        for (const make of queries) {
          const fast = await ok(reports.aggregate('lead', make(w)));
          const full = await ok(reports.aggregate('lead', make(w, [FULL])));
          const sorted = (xs: typeof fast) =>
            [...xs].sort((a, b) => (JSON.stringify(a.keys) < JSON.stringify(b.keys) ? -1 : 1));
          expect(sorted(fast), JSON.stringify([from, to])).toEqual(sorted(full));
          fastRows += fast.length;
        }
      }
      expect(fastRows).toBeGreaterThan(200);
      // The aggregate read the groups: a group written behind the triggers' back shows in it, and
      // not in the full query.
      await ctx.store.tables.insert('report_touch_months', [
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
          records: 5,
          amount_sum: 10,
          amount_n: 1,
        },
      ]);
      const planted = (xs: { keys: unknown[] }[]) => xs.filter((x) => x.keys[0] === 'planted');
      const w = [
        { '>=': [{ var: 'createdAt' }, at(1, 1)] },
        { '<': [{ var: 'createdAt' }, at(3, 1)] },
      ];
      expect(planted(await ok(reports.aggregate('lead', queries[0]!(w))))).toEqual([
        { keys: ['planted', null], values: [5, 5, 10] },
      ]);
      expect(planted(await ok(reports.aggregate('lead', queries[0]!(w, [FULL]))))).toEqual([]);
    }, 40_000); // 5.6 s alone on PostgreSQL: ~300 writes, each a round trip; 6× and more for the suite's load
  });
}
