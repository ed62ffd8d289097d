import { beforeEach, describe, expect, it } from 'vitest';
import type { ReportRepo, StoredRecord, TransitionRow, Tx } from '../../src/index';
import { useStore, type StoreFactory } from './factory';
import { rng, ok } from './seeded';

const PATH = ['new', 'qualified', 'trial', 'quoted', 'won'];
const RANKS = { new: 0, qualified: 1, trial: 2, quoted: 3, won: 4 };
const DAY = 86_400_000;
const T0 = 1_767_225_600_000; // 2026-01-01T00:00Z

type Move = { recordId: string; from: string | null; to: string; at: number; dwell: number | null };
type Lead = StoredRecord & { moves: Move[] };

/** A seeded generator: the same data on every dialect and run. */
/** Nearest-rank percentile of sorted values. */
const rank = (sorted: number[], p: number) => sorted[Math.ceil(p * sorted.length) - 1]!;

/**
 * Every reporting query against a brute-force computation over the same generated leads and
 * stage transitions: scope and filter, buckets, soft-deleted records left out.
 */
export function reportsContract(factory: StoreFactory): void {
  const ctx = useStore(factory);
  const repo = (): ReportRepo => ctx.store.reports(ctx.spec);
  let leads: Lead[] = [];
  let gone: Lead[] = [];

  beforeEach(async () => {
    // One transaction: 80 leads and their walks in one round of writes.
    await ctx.store.transaction((tx) => generate(tx));
    // Two soft-deleted leads: never counted.
    gone = leads.splice(0, 2);
    for (const l of gone) await ok(ctx.store.records(ctx.spec).softDelete('lead', l.id));
  });

  async function generate(tx: Tx): Promise<void> {
    const next = rng(42);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!;
    leads = [];
    for (let i = 0; i < 80; i++) {
      const createdAt = T0 + Math.floor(next() * 10 * DAY);
      const rec = await ok(
        tx.records(ctx.spec).insert(
          'lead',
          {
            name: `L${i}`,
            phone: next() < 0.7 ? `+86138${String(10000000 + i)}` : null,
            source: pick(['douyin', 'wechat', 'website', null]),
            budget: next() < 0.8 ? Math.floor(next() * 100) * 100 : null,
            tags: next() < 0.5 ? ['vip'] : [],
            ownerId: pick(['u1', 'u2', 'u3', null]),
            createdAt,
          },
          { now: createdAt },
        ),
      );
      // A walk along the pipeline, sometimes skipping a stage, sometimes lost on the way.
      const moves: Move[] = [];
      let at = createdAt;
      let from: string | null = null;
      let enteredAt = createdAt;
      let k = 0;
      for (;;) {
        const to: string = from === null ? 'new' : next() < 0.2 ? 'lost' : PATH[k]!;
        const dwell = from === null ? null : at - enteredAt;
        moves.push({ recordId: rec.id, from, to, at, dwell });
        await tx.transitions.append({
          entity: 'lead',
          recordId: rec.id,
          fromStage: from,
          toStage: to,
          actorId: null,
          via: 'test',
          at,
          dwellMs: dwell,
        });
        if (to === 'lost' || to === 'won' || next() < 0.3) break;
        from = to;
        enteredAt = at;
        k = Math.min(PATH.length - 1, k + (next() < 0.15 ? 2 : 1));
        at += 1 + Math.floor(next() * 3 * DAY);
      }
      const stage = moves[moves.length - 1]!.to;
      const moved = await ok(tx.records(ctx.spec).update('lead', rec.id, { stage }, 1));
      leads.push({ ...moved, moves });
    }
  }

  const scope = { in: [{ var: 'ownerId' }, ['u1', 'u2']] };
  const inScope = (l: Lead) => l.ownerId === 'u1' || l.ownerId === 'u2';

  describe(`${factory.dialect}: reports`, () => {
    it('aggregates counts, sums, averages and filled values per group like a brute-force pass', async () => {
      const rows = await ok(
        repo().aggregate('lead', {
          scope,
          filter: { '!=': [{ var: 'source' }, 'website'] },
          by: [{ field: 'source' }],
          measures: [
            { op: 'count' },
            { op: 'sum', field: 'budget' },
            { op: 'avg', field: 'budget' },
            { op: 'filled', field: 'phone' },
            { op: 'filled', field: 'tags' },
            { op: 'filled', field: 'budget' },
          ],
        }),
      );
      const sel = leads.filter((l) => inScope(l) && l.source !== 'website');
      const groups = new Map<unknown, Lead[]>();
      for (const l of sel) groups.set(l.source, [...(groups.get(l.source) ?? []), l]);
      expect(rows).toHaveLength(groups.size);
      for (const row of rows) {
        const g = groups.get(row.keys[0])!;
        const budgets = g.map((l) => l.budget as number | null).filter((b) => b !== null);
        const sum = budgets.reduce((a, b) => a + b, 0);
        expect(row.values[0]).toBe(g.length);
        expect(row.values[1]).toBe(budgets.length ? sum : null);
        if (budgets.length) expect(row.values[2]).toBeCloseTo(sum / budgets.length, 6);
        expect(row.values[3]).toBe(g.filter((l) => l.phone !== null).length);
        expect(row.values[4]).toBe(g.filter((l) => (l.tags as string[]).length > 0).length);
        expect(row.values[5]).toBe(budgets.length);
      }
      // No records at all: the filled counts are null, as the sums are.
      const none = await ok(
        repo().aggregate('lead', {
          filter: { '==': [{ var: 'source' }, 'nowhere'] },
          measures: [
            { op: 'count' },
            { op: 'filled', field: 'phone' },
            { op: 'filled', field: 'budget' },
            { op: 'filled', field: 'phone', where: scope },
          ],
        }),
      );
      expect(none).toEqual([{ keys: [], values: [0, null, null, null] }]);
    });

    it("measures only the records matching a measure's own where, in the same read", async () => {
      const big = { '>=': [{ var: 'budget' }, 5000] };
      const vip = { in: ['vip', { var: 'tags' }] };
      const rows = await ok(
        repo().aggregate('lead', {
          scope,
          by: [{ field: 'source' }],
          measures: [
            { op: 'count' },
            { op: 'count', where: big },
            { op: 'sum', field: 'budget', where: vip },
            { op: 'min', field: 'createdAt', where: big },
            { op: 'filled', field: 'phone', where: vip },
            { op: 'count', where: { '==': [{ var: 'ownerId' }, 'nobody'] } },
          ],
        }),
      );
      const groups = new Map<unknown, Lead[]>();
      for (const l of leads.filter(inScope))
        groups.set(l.source, [...(groups.get(l.source) ?? []), l]);
      expect(rows).toHaveLength(groups.size);
      const isBig = (l: Lead) => typeof l.budget === 'number' && l.budget >= 5000;
      const isVip = (l: Lead) => (l.tags as string[]).includes('vip');
      let seen = 0;
      for (const row of rows) {
        const g = groups.get(row.keys[0])!;
        const vipBudgets = g.filter(isVip).flatMap((l) => (l.budget === null ? [] : [l.budget]));
        const bigTimes = g.filter(isBig).map((l) => l.createdAt);
        expect(row.values).toEqual([
          g.length,
          bigTimes.length,
          vipBudgets.length ? vipBudgets.reduce((a, b) => (a as number) + (b as number), 0) : null,
          bigTimes.length ? Math.min(...bigTimes) : null,
          g.filter((l) => isVip(l) && l.phone !== null).length,
          0,
        ]);
        seen += bigTimes.length;
      }
      // The where matters: some records of the groups are left out of the measured ones.
      expect(seen).toBeGreaterThan(0);
      expect(seen).toBeLessThan(leads.filter(inScope).length);
      const bad = await repo().aggregate('lead', {
        measures: [{ op: 'count' }, { op: 'count', where: { '==': [{ var: 'nope' }, 1] } }],
      });
      expect(bad).toMatchObject({
        ok: false,
        error: { code: 'invalid_filter', path: '/measures/1/where' },
      });
    });

    it('cuts a time field into buckets, two keys deep, leaving records outside the edges out', async () => {
      const edges = [T0 + DAY, T0 + 3 * DAY, T0 + 5 * DAY, T0 + 8 * DAY];
      const rows = await ok(
        repo().aggregate('lead', {
          by: [{ field: 'createdAt', edges }, { field: 'ownerId' }],
          measures: [{ op: 'count' }],
        }),
      );
      const want = new Map<string, number>();
      for (const l of leads) {
        const b = edges.findIndex((e, i) => i > 0 && l.createdAt < e) - 1;
        if (l.createdAt < edges[0]! || b < 0) continue;
        const key = `${b}|${l.ownerId}`;
        want.set(key, (want.get(key) ?? 0) + 1);
      }
      const got = new Map(rows.map((r) => [`${r.keys[0]}|${r.keys[1]}`, r.values[0]]));
      expect(got).toEqual(want);
      expect(want.size).toBeGreaterThan(3);
      // One bucket a day over eleven days: every depth of the bucket CASE tree.
      const days = Array.from({ length: 12 }, (_, i) => T0 + i * DAY);
      const daily = await ok(
        repo().aggregate('lead', {
          by: [{ field: 'createdAt', edges: days }],
          measures: [{ op: 'count' }],
        }),
      );
      const perDay = new Map<number, number>();
      for (const l of leads) {
        const b = Math.floor((l.createdAt - T0) / DAY);
        if (b >= 0 && b < 11) perDay.set(b, (perDay.get(b) ?? 0) + 1);
      }
      expect(new Map(daily.map((r) => [r.keys[0], r.values[0]]))).toEqual(perDay);
      expect(perDay.size).toBeGreaterThan(8);
    });

    it('counts distinct records entering each stage in a time range, per owner', async () => {
      const at = { from: T0 + 2 * DAY, to: T0 + 9 * DAY };
      const rows = await ok(repo().entries('lead', { scope, at, by: 'ownerId' }));
      const want = new Map<string, Set<string>>();
      for (const l of leads.filter(inScope))
        for (const m of l.moves)
          if (m.at >= at.from && m.at < at.to) {
            const key = `${m.to}|${l.ownerId}`;
            want.set(key, (want.get(key) ?? new Set()).add(l.id));
          }
      const got = new Map(rows.map((r) => [`${r.stage}|${r.key}`, r.records]));
      expect(got).toEqual(new Map([...want].map(([k, v]) => [k, v.size])));
    });

    it('counts each record once per stage entered in a period over re-entries, for every record and in a scope', async () => {
      // 40 more leads whose walks step back and enter stages again; half of the walks appended
      // one by one, half in one batch (the bulk path), so both set each entry's previous one.
      const next = rng(7);
      const extra: Lead[] = [];
      const batch: TransitionRow[] = [];
      await ctx.store.transaction(async (tx) => {
        for (let i = 0; i < 40; i++) {
          const createdAt = T0 + Math.floor(next() * 5 * DAY);
          const ownerId = ['u1', 'u2', 'u3'][i % 3]!;
          const rec = await ok(
            tx
              .records(ctx.spec)
              .insert('lead', { name: `R${i}`, ownerId, createdAt }, { now: createdAt }),
          );
          const moves: Move[] = [];
          let [at, k, enteredAt, from] = [createdAt, 0, createdAt, null as string | null];
          for (;;) {
            const to = PATH[k]!;
            moves.push({
              recordId: rec.id,
              from,
              to,
              at,
              dwell: from === null ? null : at - enteredAt,
            });
            if (to === 'won' || moves.length === 9) break;
            [from, enteredAt] = [to, at];
            k = k > 0 && next() < 0.45 ? k - 1 : k + 1;
            at += 1 + Math.floor(next() * DAY);
          }
          const rows = moves.map((m) => ({
            entity: 'lead',
            recordId: m.recordId,
            fromStage: m.from,
            toStage: m.to,
            actorId: null,
            via: 'test',
            at: m.at,
            dwellMs: m.dwell,
          }));
          if (i % 2 === 0) batch.push(...rows);
          else for (const r of rows) await tx.transitions.append(r);
          const stage = moves[moves.length - 1]!.to;
          extra.push({
            ...(await ok(tx.records(ctx.spec).update('lead', rec.id, { stage }, 1))),
            moves,
          });
        }
        await tx.transitions.appendMany(batch);
      });
      // A deleted record's entries are never counted.
      await ok(ctx.store.records(ctx.spec).softDelete('lead', extra[0]!.id));
      const live = [...leads, ...extra.slice(1)];
      let reentered = 0;
      for (const at of [
        { from: T0 + 2 * DAY, to: T0 + 6 * DAY },
        { from: T0 + 4 * DAY + 7, to: T0 + 12 * DAY },
        { to: T0 + 3 * DAY },
        { from: T0 + 5 * DAY },
        {},
      ])
        for (const [q, sel] of [
          [{}, live],
          [{ scope }, live.filter(inScope)],
        ] as const) {
          const rows = await ok(repo().entries('lead', { ...q, at }));
          const want = new Map<string, Set<string>>();
          for (const l of sel)
            for (const m of l.moves)
              if (m.at >= (at.from ?? -Infinity) && m.at < (at.to ?? Infinity)) {
                const ids = want.get(m.to) ?? new Set();
                if (ids.has(l.id)) reentered++;
                want.set(m.to, ids.add(l.id));
              }
          expect(new Map(rows.map((r) => [r.stage, r.records]))).toEqual(
            new Map([...want].map(([k, v]) => [k, v.size])),
          );
          // Each count opens exactly its records: the list's enteredStage over the same range,
          // and the list's count is theirs (unscoped, it is counted from the transitions' indexes).
          for (const [stage, ids] of want) {
            const filter = { enteredStage: [stage, at.from ?? null, at.to ?? null] };
            const page = await ok(
              ctx.store.records(ctx.spec).list('lead', { ...q, filter, limit: 1000, count: true }),
            );
            expect(page.records.map((r) => r.id).sort(), `${stage} ${JSON.stringify(at)}`).toEqual(
              [...ids].sort(),
            );
            expect(page.total, `${stage} ${JSON.stringify(at)}`).toBe(ids.size);
            // A page of two counts them all the same.
            const first = await ok(
              ctx.store
                .records(ctx.spec)
                .list('lead', { ...q, filter: { and: [filter] }, limit: 2, count: true }),
            );
            expect(first.total).toBe(ids.size);
            expect(first.records).toHaveLength(Math.min(2, ids.size));
          }
        }
      // The data means something: records entered a stage twice within the ranges.
      expect(reentered).toBeGreaterThan(20);
    });

    it('finds the furthest stage each record reached, lost records by where they were lost', async () => {
      const rows = await ok(repo().reach('lead', { ranks: RANKS, mark: ['lost'] }));
      const want = new Map<number, number>();
      const lost = new Map<number, number>();
      for (const l of leads) {
        const r = Math.max(
          ...[...l.moves.map((m) => m.to), l.stage].map(
            (s) => RANKS[s as keyof typeof RANKS] ?? -1,
          ),
        );
        if (r >= 0) want.set(r, (want.get(r) ?? 0) + 1);
        if (r >= 0) lost.set(r, (lost.get(r) ?? 0) + (l.stage === 'lost' ? 1 : 0));
      }
      expect(new Map(rows.map((r) => [r.rank, r.records]))).toEqual(want);
      // The records now lost, counted apart by the furthest stage they reached.
      expect(new Map(rows.map((r) => [r.rank, r.marked]))).toEqual(lost);
      expect([...lost.values()].some((n) => n > 0)).toBe(true);
    });

    it('answers time in stage as count, mean, nearest-rank median and p90', async () => {
      const rows = await ok(repo().dwell('lead', { filter: { '!=': [{ var: 'ownerId' }, null] } }));
      const by = new Map<string, number[]>();
      for (const l of leads.filter((x) => x.ownerId !== null))
        for (const m of l.moves)
          if (m.from !== null && m.dwell !== null)
            by.set(m.from, [...(by.get(m.from) ?? []), m.dwell]);
      expect(rows.map((r) => r.stage).sort()).toEqual([...by.keys()].sort());
      for (const row of rows) {
        const v = by.get(row.stage)!.sort((a, b) => a - b);
        expect(row.count).toBe(v.length);
        expect(row.mean).toBeCloseTo(v.reduce((a, b) => a + b, 0) / v.length, 3);
        expect(row.median).toBe(rank(v, 0.5));
        expect(row.p90).toBe(rank(v, 0.9));
      }
      // Every live record in a range (a manager's: read from the moves' index alone); the two
      // soft-deleted leads' moves are left out.
      const at = { from: T0 + 3 * DAY, to: T0 + 11 * DAY };
      const all = await ok(repo().dwell('lead', { at }));
      const inRange = new Map<string, number[]>();
      for (const l of leads)
        for (const m of l.moves)
          if (m.from !== null && m.dwell !== null && m.at >= at.from && m.at < at.to)
            inRange.set(m.from, [...(inRange.get(m.from) ?? []), m.dwell]);
      const goneMoves = gone
        .flatMap((l) => l.moves)
        .filter((m) => m.from !== null && m.at >= at.from);
      expect(goneMoves.length).toBeGreaterThan(0);
      expect(all.map((r) => r.stage).sort()).toEqual([...inRange.keys()].sort());
      for (const row of all) {
        const v = inRange.get(row.stage)!.sort((a, b) => a - b);
        expect([row.count, row.median, row.p90]).toEqual([v.length, rank(v, 0.5), rank(v, 0.9)]);
        expect(row.mean).toBeCloseTo(v.reduce((a, b) => a + b, 0) / v.length, 3);
      }
    });

    it("answers a manager's dwell time from the maintained buckets exactly, over bulk and single appends, removed transitions, deleted records and partial days", async () => {
      // 36 more leads whose times in stage cross the buckets: under a minute, a negative one (an
      // imported history), hours, weeks, over two years (the open last bucket); half appended
      // one by one, half in one batch (the bulk path).
      const next = rng(99);
      const extra: Lead[] = [];
      const batch: TransitionRow[] = [];
      const span = () => {
        const r = next();
        if (r < 0.1) return Math.floor(next() * 60_000);
        if (r < 0.13) return -5_000;
        if (r < 0.16) return 800 * DAY + Math.floor(next() * DAY);
        if (r < 0.5) return Math.floor(next() * 6 * 3_600_000);
        return Math.floor(next() * 4 * DAY);
      };
      await ctx.store.transaction(async (tx) => {
        for (let i = 0; i < 36; i++) {
          const createdAt = T0 + Math.floor(next() * 6 * DAY);
          const rec = await ok(
            tx.records(ctx.spec).insert('lead', { name: `D${i}` }, { now: createdAt }),
          );
          const moves: Move[] = [
            { recordId: rec.id, from: null, to: 'new', at: createdAt, dwell: null },
          ];
          let at = createdAt;
          for (const [from, to] of [
            ['new', 'qualified'],
            ['qualified', 'trial'],
            ['trial', 'qualified'],
            ['qualified', 'trial'],
          ] as const) {
            const dwell = span();
            at += Math.max(1, dwell);
            moves.push({ recordId: rec.id, from, to, at, dwell });
            if (next() < 0.15) break;
          }
          const rows = moves.map((m) => ({
            entity: 'lead',
            recordId: m.recordId,
            fromStage: m.from,
            toStage: m.to,
            actorId: null,
            via: 'test',
            at: m.at,
            dwellMs: m.dwell,
          }));
          if (i % 2 === 0) batch.push(...rows);
          else for (const r of rows) await tx.transitions.append(r);
          extra.push({ ...rec, moves });
        }
        await tx.transitions.appendMany(batch);
        // A record whose transitions are taken back (an import's refused row) counts no move.
        const takenBack = [
          ...(await tx.transitions.listFor('lead', extra[1]!.id)),
          ...(await tx.transitions.listFor('lead', extra[2]!.id)),
        ];
        await tx.transitions.remove(takenBack.map((t) => t.id));
      });
      await ok(ctx.store.records(ctx.spec).softDelete('lead', extra[3]!.id));
      const live = [...leads, ...extra.slice(4), extra[0]!];
      const seen = new Set<string>();
      for (const at of [
        { from: T0 + 2 * DAY + 7_777_777, to: T0 + 9 * DAY + 3_333 },
        { from: T0 + 3 * DAY, to: T0 + 8 * DAY },
        { from: T0 + 3 * DAY + 3_600_000, to: T0 + 3 * DAY + 20 * 3_600_000 },
        { to: T0 + 5 * DAY + 43_210 },
        { from: T0 + 4 * DAY + 1 },
        {},
      ]) {
        const rows = await ok(repo().dwell('lead', { at }));
        const want = new Map<string, number[]>();
        for (const l of live)
          for (const m of l.moves)
            if (
              m.from !== null &&
              m.dwell !== null &&
              m.at >= (at.from ?? -Infinity) &&
              m.at < (at.to ?? Infinity)
            )
              want.set(m.from, [...(want.get(m.from) ?? []), m.dwell]);
        expect(rows.map((r) => r.stage)).toEqual([...want.keys()].sort());
        for (const row of rows) {
          const v = want.get(row.stage)!.sort((a, b) => a - b);
          v.forEach((x) => seen.add(x < 60_000 ? 'short' : x > 700 * DAY ? 'long' : 'mid'));
          expect([row.stage, row.count, row.median, row.p90]).toEqual([
            row.stage,
            v.length,
            rank(v, 0.5),
            rank(v, 0.9),
          ]);
          expect(row.mean).toBeCloseTo(v.reduce((a, b) => a + b, 0) / v.length, 3);
        }
      }
      // The data reached the open buckets at both ends.
      expect([...seen].sort()).toEqual(['long', 'mid', 'short']);
    });

    it('lists exactly the records that entered a stage through the virtual field stagesEntered', async () => {
      const filter = { in: ['trial', { var: 'stagesEntered' }] };
      const page = await ok(
        ctx.store.records(ctx.spec).list('lead', { filter, limit: 1000, count: true }),
      );
      const want = leads.filter((l) => l.moves.some((m) => m.to === 'trial')).map((l) => l.id);
      expect(page.records.map((r) => r.id).sort()).toEqual(want.sort());
      expect(page.total).toBe(want.length);
      const [count] = await ok(repo().aggregate('lead', { filter, measures: [{ op: 'count' }] }));
      expect(count!.values[0]).toBe(want.length);
    });

    it('times the first assignment through the virtual field assignDelayMs', async () => {
      const unowned = leads.filter((l) => l.ownerId === null);
      const owned = leads.find((l) => l.ownerId === 'u1')!;
      const [late, quick] = [unowned[0]!, unowned[1]!];
      const H = 3_600_000;
      const row = (l: Lead, before: unknown, after: unknown, at: number) => ({
        changeId: `c-${l.id}-${at}`,
        entity: 'lead',
        recordId: l.id,
        field: 'ownerId',
        before,
        after,
        actorId: null,
        via: 'test',
        at,
      });
      await ctx.store.history.append([
        row(late, null, 'u2', late.createdAt + 30 * H),
        row(late, 'u2', 'u1', late.createdAt + 40 * H),
        row(quick, null, 'u3', quick.createdAt + 5 * H),
        row(owned, 'u1', 'u3', owned.createdAt + 2 * H),
      ]);
      const delay = (l: Lead): number | null =>
        l === late ? 30 * H : l === quick ? 5 * H : l.ownerId !== null ? 0 : null;
      const list = async (filter: unknown) =>
        (await ok(ctx.store.records(ctx.spec).list('lead', { filter, limit: 1000 }))).records
          .map((r) => r.id)
          .sort();
      const ids = (f: (l: Lead) => boolean) =>
        leads
          .filter(f)
          .map((l) => l.id)
          .sort();
      const within = { '<=': [{ var: 'assignDelayMs' }, DAY] };
      expect(await list(within)).toEqual(ids((l) => delay(l) !== null && delay(l)! <= DAY));
      expect(await list({ '>': [{ var: 'assignDelayMs' }, DAY] })).toEqual([late.id]);
      expect(await list({ '==': [{ var: 'assignDelayMs' }, null] })).toEqual(
        ids((l) => delay(l) === null),
      );
      const [n] = await ok(
        repo().aggregate('lead', { scope, filter: within, measures: [{ op: 'count' }] }),
      );
      expect(n!.values[0]).toBe(leads.filter((l) => inScope(l) && delay(l) !== null).length);
    });

    it('counts intake submissions merged into the selected records, per owner and time range', async () => {
      const [a, b] = [
        leads.find((l) => l.ownerId === 'u1')!,
        leads.find((l) => l.ownerId === 'u2')!,
      ];
      const out = leads.find((l) => l.ownerId === 'u3')!;
      let i = 0;
      const log = (l: Lead, status: 'merged' | 'rejected' | 'accepted', at: number) =>
        ctx.store.intakeLog.append({
          id: `log-${i++}`,
          kind: 'form',
          sourceKey: 'apply',
          status,
          httpStatus: 201,
          reasons: null,
          recordId: l.id,
          ip: null,
          idempotencyKey: null,
          at,
        });
      await log(a, 'merged', T0 + DAY);
      await log(a, 'merged', T0 + 5 * DAY);
      await log(a, 'accepted', T0 + DAY);
      await log(b, 'merged', T0 + 2 * DAY);
      await log(b, 'rejected', T0 + 2 * DAY);
      await log(out, 'merged', T0 + 2 * DAY);
      const rows = await ok(repo().merges('lead', { scope, by: 'ownerId' }));
      const got = new Map(rows.map((r) => [r.key, [r.merges, r.records]]));
      expect(got).toEqual(
        new Map([
          ['u1', [2, 1]],
          ['u2', [1, 1]],
        ]),
      );
      const early = await ok(repo().merges('lead', { scope, at: { to: T0 + 3 * DAY } }));
      expect(early.map((r) => r.merges)).toEqual([2]);
    });

    it('counts intake log entries per source and status in a range, with the newest of each', async () => {
      const entries: [string, 'form' | 'webhook', string, number][] = [
        ['ads', 'webhook', 'accepted', T0 + DAY],
        ['ads', 'webhook', 'accepted', T0 + 3 * DAY],
        ['ads', 'webhook', 'rejected', T0 + 2 * DAY],
        ['ads', 'webhook', 'unauthorized', T0 + 9 * DAY],
        ['apply', 'form', 'merged', T0 + 2 * DAY],
      ];
      for (const [i, [sourceKey, kind, status, at]] of entries.entries())
        await ctx.store.intakeLog.append({
          id: `i${i}`,
          kind,
          sourceKey,
          status: status as 'accepted',
          httpStatus: 201,
          reasons: null,
          recordId: null,
          ip: null,
          idempotencyKey: null,
          at,
        });
      const rows = await repo().intake({ from: T0 + 2 * DAY, to: T0 + 5 * DAY });
      const got = rows
        .map((r) => `${r.kind}:${r.sourceKey}:${r.status}:${r.count}:${r.last - T0}`)
        .sort();
      expect(got).toEqual(
        [
          `webhook:ads:accepted:1:${3 * DAY}`,
          `webhook:ads:rejected:1:${2 * DAY}`,
          `webhook:ads:unauthorized:0:${9 * DAY}`,
          `form:apply:merged:1:${2 * DAY}`,
        ].sort(),
      );
    });

    it("groups and filters by the first touch's UTM values (virtual fields firstUtm*)", async () => {
      const touched = leads.slice(0, 30);
      for (const [i, l] of touched.entries()) {
        const touch = (n: number, campaign: string | null, content: string) =>
          ctx.store.touches.append({
            id: `t${i}-${n}`,
            entity: 'lead',
            recordId: l.id,
            kind: 'form',
            sourceKey: 'apply',
            utmSource: 'douyin',
            utmMedium: null,
            utmCampaign: campaign,
            utmContent: content,
            utmTerm: null,
            referrer: null,
            landingUrl: null,
            at: l.createdAt + n,
          });
        // A later touch never counts: attribution is to the first.
        await touch(5, 'late', 'Z');
        await touch(1, i % 3 === 0 ? 'spring' : i % 3 === 1 ? 'summer' : null, i % 2 ? 'A' : 'B');
      }
      const first = (l: Lead) => {
        const i = touched.indexOf(l);
        if (i < 0) return undefined;
        return {
          campaign: i % 3 === 0 ? 'spring' : i % 3 === 1 ? 'summer' : null,
          content: i % 2 ? 'A' : 'B',
        };
      };
      const rows = await ok(
        repo().aggregate('lead', {
          scope,
          by: [{ field: 'firstUtmCampaign' }, { field: 'firstUtmContent' }],
          measures: [{ op: 'count' }],
        }),
      );
      const want = new Map<string, number>();
      for (const l of leads.filter(inScope)) {
        const f = first(l);
        const key = `${f?.campaign ?? null}|${f?.content ?? null}`;
        want.set(key, (want.get(key) ?? 0) + 1);
      }
      expect(new Map(rows.map((r) => [`${r.keys[0]}|${r.keys[1]}`, r.values[0]]))).toEqual(want);
      const page = await ok(
        ctx.store.records(ctx.spec).list('lead', {
          filter: { '==': [{ var: 'firstUtmCampaign' }, 'spring'] },
          limit: 1000,
        }),
      );
      expect(page.records.map((r) => r.id).sort()).toEqual(
        leads
          .filter((l) => first(l)?.campaign === 'spring')
          .map((l) => l.id)
          .sort(),
      );
    });

    it('refuses unknown entities, fields and filters as values', async () => {
      const bad = await repo().aggregate('nope', { measures: [{ op: 'count' }] });
      expect(bad).toMatchObject({ ok: false, error: { code: 'unknown_entity' } });
      const field = await repo().aggregate('lead', { measures: [{ op: 'sum', field: 'name' }] });
      expect(field).toMatchObject({ ok: false, error: { code: 'unknown_field' } });
      const filter = await repo().entries('lead', { filter: { '==': [{ var: 'nope' }, 1] } });
      expect(filter).toMatchObject({ ok: false, error: { code: 'invalid_filter' } });
    });
  });
}
