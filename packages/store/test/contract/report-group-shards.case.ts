import { describe, expect, it } from 'vitest';
import type { StoredRecord, TransitionRow } from '../../src/index';
import { useStore, type StoreFactory } from './factory';
import { allOk, ok, rng } from './seeded';

const H = 3_600_000;
const DAY = 86_400_000;
// Not a UTC midnight, and two UTC months: the records' days start mid-day.
const T0 = Date.UTC(2026, 0, 24, 9, 30);
const STAGES = ['new', 'qualified', 'trial', 'quoted', 'won', 'lost'];
const OWNERS = ['u1', 'u2', 'u3', null];
const TEAMS = ['north', 'south', null];
/** True for every record, on a field no group holds: the full query over the records. */
const FULL = { '!=': [{ var: 'name' }, '-'] };
const SUMS = ['records', 'sum_created', 'sum_stage_at', 'n_stage_at'] as const;

const monthOfDay = (day: number) => {
  const d = new Date(day * DAY);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / DAY;
};

/**
 * The day and month groups (report_cohorts, report_cohort_months) against a brute-force
 * grouping of the live records, after records created one by one and in bulk, stage moves one by
 * one and in batches, owners set, changed and cleared (a record moves between an owned group's
 * one row and an unowned group's shards), teams changed, deletes, restores and a rolled-back
 * transaction. On PostgreSQL an owned group is one row (shard 0) and an unowned one is split over
 * its records' shards (cohort-sql.ts groupValues, migration 0019); reads sum the rows either way,
 * and a range with partial days at both ends answers as the full query.
 */
export function reportGroupShardsContract(factory: StoreFactory): void {
  const ctx = useStore(factory);

  describe(`${factory.dialect}: report groups per owner`, () => {
    it('keeps every group exact, an owned one in one row, through owner changes, deletes, restores, bulk writes and a rollback', async () => {
      const next = rng(31);
      const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!;
      const records = () => ctx.store.records(ctx.spec);
      // Every transition written and kept (a rolled-back one is not), per record.
      const entered = new Map<string, Set<string>>();
      const clock = new Map<string, number>();
      const leads: StoredRecord[] = [];
      const move = (l: StoredRecord, to: string): TransitionRow => {
        const at = (clock.get(l.id) ?? l.createdAt) + Math.floor((1 + next() * 40) * H);
        clock.set(l.id, at);
        return {
          entity: 'lead',
          recordId: l.id,
          fromStage: null,
          toStage: to,
          actorId: null,
          via: 'test',
          at,
          dwellMs: null,
        };
      };
      const written = (rows: TransitionRow[]) => {
        for (const r of rows) {
          if (!entered.has(r.recordId)) entered.set(r.recordId, new Set());
          entered.get(r.recordId)!.add(r.toStage);
        }
      };
      const fields = () => ({
        ownerId: pick(OWNERS),
        teamId: pick(TEAMS),
        createdAt: T0 + Math.floor(next() * 16 * DAY),
      });
      const create = async (i: number) => {
        const f = fields();
        const l = await ok(records().insert('lead', { name: `G${i}`, ...f }, { now: f.createdAt }));
        leads.push(l);
        const first = move(l, 'new');
        await ctx.store.transitions.append(first);
        written([first]);
      };
      const bulk = async (count: number, start: number) => {
        const made = await records().insertMany(
          'lead',
          Array.from({ length: count }, (_, i) => ({ name: `B${start + i}`, ...fields() })),
        );
        const more = allOk(made);
        leads.push(...more);
        const rows = more.flatMap((l) => [
          move(l, 'new'),
          ...(next() < 0.5 ? [move(l, pick(STAGES))] : []),
        ]);
        await ctx.store.transitions.appendMany(rows);
        written(rows);
      };
      const deleted = new Set<string>();
      const current = async (l: StoredRecord) => (await records().get('lead', l.id)) ?? l;

      for (let i = 0; i < 12; i++) await create(i);
      await bulk(20, 0);
      for (let round = 0; round < 110; round++) {
        const l = pick(leads);
        const r = next();
        if (r < 0.3) {
          // A stage move: the record's stage and its transition.
          const row = move(l, pick(STAGES));
          await ctx.store.transitions.append(row);
          written([row]);
          const now = await current(l);
          if (!deleted.has(l.id))
            await ok(records().update('lead', l.id, { stage: row.toStage }, now.version));
        } else if (r < 0.55) {
          const now = await current(l);
          if (!deleted.has(l.id))
            await ok(
              records().update(
                'lead',
                l.id,
                next() < 0.7 ? { ownerId: pick(OWNERS) } : { teamId: pick(TEAMS) },
                now.version,
              ),
            );
        } else if (r < 0.65) {
          if (deleted.has(l.id)) {
            await ok(records().restore('lead', l.id));
            deleted.delete(l.id);
          } else {
            await ok(records().softDelete('lead', l.id));
            if (next() < 0.5) await ok(records().restore('lead', l.id));
            else deleted.add(l.id);
          }
        } else if (r < 0.75) {
          // An owner cleared or set, a move and a new record, rolled back together.
          const now = await current(l);
          const saved = clock.get(l.id);
          await expect(
            ctx.store.transaction(async (tx) => {
              if (!deleted.has(l.id))
                await ok(
                  tx
                    .records(ctx.spec)
                    .update('lead', l.id, { ownerId: now.ownerId ? null : 'u9' }, now.version),
                );
              await tx.transitions.append(move(l, 'won'));
              await ok(tx.records(ctx.spec).insert('lead', { name: 'gone', ...fields() }));
              throw new Error('roll back');
            }),
          ).rejects.toThrow('roll back');
          if (saved === undefined) clock.delete(l.id);
          else clock.set(l.id, saved);
        } else if (r < 0.8) {
          await bulk(17, 100 + round);
        } else if (r < 0.9) {
          const rows = Array.from({ length: 16 }, () => move(pick(leads), pick(STAGES)));
          await ctx.store.transitions.appendMany(rows);
          written(rows);
        } else await create(1000 + round);
      }

      const live: StoredRecord[] = [];
      for (const l of leads) {
        const now = await records().get('lead', l.id);
        if (now && now.deletedAt === null) live.push(now);
      }
      expect(live.length).toBeGreaterThan(60);
      expect(live.length).toBeLessThan(leads.length);
      expect(live.some((l) => l.ownerId === null)).toBe(true);

      // Brute force: each live record in the group of its creation day (month), owner, team,
      // stage and entered stages, with its sums.
      const brute = (period: (day: number) => number) => {
        const m = new Map<string, number[]>();
        for (const l of live) {
          const day = Math.floor(l.createdAt / DAY);
          const k = [
            period(day),
            l.ownerId ?? '',
            l.teamId ?? '',
            l.stage ?? '',
            [...(entered.get(l.id) ?? [])].sort().join(','),
          ].join('|');
          const v = [1, l.createdAt, l.stageEnteredAt ?? 0, l.stageEnteredAt === null ? 0 : 1];
          const have = m.get(k);
          m.set(k, have ? have.map((x, i) => x + v[i]!) : v);
        }
        return m;
      };
      for (const [table, column, period] of [
        ['report_cohorts', 'day', (d: number) => d],
        ['report_cohort_months', 'month', monthOfDay],
      ] as const) {
        const rows = (await ctx.store.tables.rows(table)).filter((g) => g.entity === 'lead');
        // An emptied group row is deleted.
        expect(rows.every((g) => Number(g.records) > 0)).toBe(true);
        const have = new Map<string, number[]>();
        const shards = new Map<string, number[]>();
        for (const g of rows) {
          const k = [g[column], g.owner_id, g.team_id, g.stage, g.entered].map(String).join('|');
          const v = SUMS.map((c) => Number(g[c]));
          const was = have.get(k);
          have.set(k, was ? was.map((x, i) => x + v[i]!) : v);
          shards.set(k, [...(shards.get(k) ?? []), Number(g.shard ?? 0)]);
        }
        expect(have, table).toEqual(brute(period));
        if (factory.dialect === 'postgres') {
          // An owned group is one row, shard 0; an unowned one's rows are its records' shards.
          const owned = [...shards].filter(([k]) => k.split('|')[1] !== '');
          expect(owned.length).toBeGreaterThan(10);
          for (const [k, s] of owned) expect(s, `${table} ${k}`).toEqual([0]);
          const unowned = [...shards].filter(([k]) => k.split('|')[1] === '').flatMap(([, s]) => s);
          expect(unowned.some((s) => s !== 0)).toBe(true);
        } else expect([...shards.values()].every((s) => s.length === 1)).toBe(true);
      }

      // A quarter-like read with partial days at both ends (report_rows' creation index) and
      // whole days and months from the groups, per owner and stage, equals the full query.
      const repo = ctx.store.reports(ctx.spec);
      const filter = {
        and: [
          { '>=': [{ var: 'createdAt' }, T0 + 2 * DAY + 5 * H] },
          { '<': [{ var: 'createdAt' }, T0 + 14 * DAY + 7 * H] },
        ],
      };
      const measures = [
        { op: 'count' as const },
        { op: 'avg' as const, field: 'stageEnteredAt' },
        { op: 'avg' as const, field: 'createdAt' },
      ];
      const by = [{ field: 'ownerId' }, { field: 'stage' }];
      const context = { now: T0, user: { id: 'u2', teams: ['north'], roles: ['sales'] } };
      const round = (rows: { keys: unknown[]; values: (number | null)[] }[]) =>
        rows
          .map(
            (r) =>
              `${JSON.stringify(r.keys)}|${r.values.map((v) => (v === null ? v : Math.round(v)))}`,
          )
          .sort();
      for (const scope of [undefined, { '==': [{ var: 'ownerId' }, { var: '$user.id' }] }]) {
        const base = { ...(scope ? { scope } : {}), context, by, measures };
        const fast = await ok(repo.aggregate('lead', { ...base, filter }));
        const full = await ok(repo.aggregate('lead', { ...base, filter: { and: [filter, FULL] } }));
        expect(fast.length).toBeGreaterThan(scope ? 1 : 8);
        expect(round(fast)).toEqual(round(full));
      }
    });
  });
}
