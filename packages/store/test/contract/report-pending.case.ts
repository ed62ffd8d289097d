import { describe, expect, it } from 'vitest';
import type { AggregateRow, ReachRow, ReportRepo, StoredRecord } from '../../src/index';
import { useStore, type StoreFactory } from './factory';
import { ok, rng } from './seeded';

const RANKS = { new: 0, qualified: 1, trial: 2, quoted: 3, won: 4 };
const STAGES = ['new', 'qualified', 'trial', 'won', 'lost'];
const DAY = 86_400_000;
const H = 3_600_000;
// Not a UTC midnight, and the 30th: ranges cross into February (day and month groups both).
const T0 = Date.UTC(2026, 0, 30, 7, 13);
/** Always true, but on a field the groups do not hold: forces the full query over the records. */
const FULL = { '!=': [{ var: 'id' }, ''] };
const context = { now: T0, user: { id: 'u2', teams: ['north'], roles: ['sales'] } };

/**
 * SQLite writes the report groups behind: the triggers queue each group change and
 * `foldReportGroups` moves them into the groups later, while reports read both. After every kind
 * of write — create, a stage move (its transition), a reassignment, a delete and a restore, a
 * rolled-back transaction — and with none, some or all of the changes folded, the reports read
 * from the groups equal the full query over the records. PostgreSQL keeps its groups in the
 * write's transaction: nothing waits, and the same reads hold.
 */
export function reportPendingContract(factory: StoreFactory): void {
  const ctx = useStore(factory);
  const repo = (): ReportRepo => ctx.store.reports(ctx.spec);
  const records = () => ctx.store.records(ctx.spec);
  const fold = (n: number) =>
    ctx.store.transaction((tx) => tx.records(ctx.spec).foldReportGroups(n));

  const sortReach = (rows: ReachRow[]) =>
    rows.map((r) => `${r.rank}|${String(r.key)}|${r.records}|${r.marked}`).sort();
  const norm = (rows: AggregateRow[]) =>
    rows
      .map((r) => JSON.stringify([r.keys, r.values.map((v) => (v === null ? v : Math.round(v)))]))
      .sort();
  const ranges: [number, number][] = [
    [T0 - DAY, T0 + 10 * DAY],
    [T0 + 5 * H, T0 + 3 * DAY + 2 * H],
    [Date.UTC(2026, 0, 1), Date.UTC(2026, 2, 1)],
  ];

  /** Every range, with and without a rep's scope, from the groups against the full query. */
  async function expectExact(): Promise<void> {
    for (const [from, to] of ranges)
      for (const scope of [undefined, { '==': [{ var: 'ownerId' }, { var: '$user.id' }] }]) {
        const filter = {
          and: [{ '>=': [{ var: 'createdAt' }, from] }, { '<': [{ var: 'createdAt' }, to] }],
        };
        const base = { ...(scope ? { scope } : {}), context };
        const q = { ...base, ranks: RANKS, mark: ['lost'], by: 'ownerId' };
        const fast = await ok(repo().reach('lead', { ...q, filter }));
        const full = await ok(repo().reach('lead', { ...q, filter: { and: [filter, FULL] } }));
        expect(sortReach(fast)).toEqual(sortReach(full));
        const measures = [{ op: 'count' as const }, { op: 'avg' as const, field: 'createdAt' }];
        const by = [{ field: 'stage' }, { field: 'ownerId' }];
        const a = await ok(repo().aggregate('lead', { ...base, by, measures, filter }));
        const b = await ok(
          repo().aggregate('lead', { ...base, by, measures, filter: { and: [filter, FULL] } }),
        );
        expect(norm(a)).toEqual(norm(b));
      }
  }

  /** What waits for the fold: some on SQLite after writes, never on PostgreSQL. */
  async function expectBacklog(some: boolean): Promise<void> {
    expect(await records().reportBacklog()).toBe(some && factory.dialect === 'sqlite');
  }

  const moveTo = async (rec: StoredRecord, to: string, at: number): Promise<StoredRecord> => {
    await ctx.store.transitions.append({
      entity: 'lead',
      recordId: rec.id,
      fromStage: (rec.stage as string | null) ?? null,
      toStage: to,
      actorId: null,
      via: 'test',
      at,
      dwellMs: H,
    });
    return ok(records().update('lead', rec.id, { stage: to }, rec.version));
  };

  describe(`${factory.dialect}: report groups written behind`, () => {
    it('reads exactly with changes waiting, partly folded and folded, after every kind of write', async () => {
      const next = rng(31);
      const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!;
      const live: StoredRecord[] = [];
      await expectBacklog(false);
      // Creates (some with a first transition): read before any fold.
      for (let i = 0; i < 24; i++) {
        const at = T0 + Math.floor(next() * 4 * DAY);
        const rec = await ok(
          records().insert(
            'lead',
            { name: `P${i}`, ownerId: pick(['u1', 'u2', null]), createdAt: at },
            { now: at },
          ),
        );
        live.push(i % 3 ? await moveTo(rec, 'new', at) : rec);
      }
      await expectBacklog(true);
      await expectExact();
      // Part of the queue folded: the groups hold some changes, the queue the rest.
      const moved = await fold(7);
      expect(moved).toBe(factory.dialect === 'sqlite' ? 7 : 0);
      await expectBacklog(true);
      await expectExact();
      // Stage moves and reassignments on top of the half-folded groups.
      for (let i = 0; i < 16; i++) {
        const k = Math.floor(next() * live.length);
        const rec = live[k]!;
        live[k] =
          i % 2
            ? await moveTo(rec, pick(STAGES), rec.createdAt + Math.floor(next() * 3 * DAY))
            : await ok(
                records().update(
                  'lead',
                  rec.id,
                  { ownerId: pick(['u1', 'u2', null]) },
                  rec.version,
                ),
              );
      }
      await expectExact();
      await fold(5);
      await expectExact();
      // A delete and a restore, each read with its change waiting.
      const [gone, back] = [live[2]!, live[9]!];
      await ok(records().softDelete('lead', gone.id));
      await ok(records().softDelete('lead', back.id));
      await expectExact();
      await ok(records().restore('lead', back.id));
      await expectExact();
      // A rolled-back transaction queues nothing.
      const before = await records().reportBacklog();
      await fold(1_000_000);
      await expectBacklog(false);
      await expect(
        ctx.store.transaction(async (tx) => {
          await ok(
            tx.records(ctx.spec).insert('lead', { name: 'rolled', ownerId: 'u2', createdAt: T0 }),
          );
          throw new Error('roll back');
        }),
      ).rejects.toThrow('roll back');
      await expectBacklog(false);
      expect(before).toBe(factory.dialect === 'sqlite');
      await expectExact();
      // Everything folded: the groups alone answer, and nothing waits.
      await ok(records().update('lead', live[4]!.id, { teamId: 'north' }, live[4]!.version));
      await expectBacklog(true);
      // Its day group's two changes, and its first-touch month group's two (touch-sql.ts).
      expect(await fold(1_000_000)).toBe(factory.dialect === 'sqlite' ? 4 : 0);
      await expectBacklog(false);
      await expectExact();
    });
  });
}
