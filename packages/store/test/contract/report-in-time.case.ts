import { describe, expect, it } from 'vitest';
import type { HistoryRow, StoredRecord } from '../../src/index';
import { useStore, type StoreFactory } from './factory';
import { allOk, ok, rng } from './seeded';

const H = 3_600_000;
const DAY = 86_400_000;
const T0 = 1_769_817_600_000; // 2026-01-31T00:00Z: the records' days cross into February
const IN_TIME = { op: 'count' as const, where: { '<=': [{ var: 'assignDelayMs' }, DAY] } };
/** True for every record, on a field the groups do not hold: the records are read instead. */
const VIA_RECORDS = { '!=': [{ var: 'name' }, '-'] };

/** A seeded generator: the same writes on every dialect and run. */
type Owned = { id: string; at: number; before: unknown };

const first = (xs: Owned[]): Owned | undefined =>
  [...xs].sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))[0];

/**
 * Data health's "assigned within 24 hours", kept per record in report_rows.in_time and summed
 * per day and month group (migration 0017), against a brute-force pass over what was written:
 * records created owned and unowned, one by one and in bulk; first owners written later than
 * 24 hours, earlier rows arriving after later ones, batches over several records; owners
 * changed and cleared; records soft-deleted and restored; a rolled-back write; the whole
 * history cleared. The in-time count read from the groups (and the partial days from the
 * records) equals the one read from the records alone, for everyone and in a rep's scope.
 */
export function reportInTimeContract(factory: StoreFactory): void {
  const ctx = useStore(factory);

  describe(`${factory.dialect}: assigned in time, kept per record and group`, () => {
    it('keeps in_time and its group sums exact through every kind of write', async () => {
      const next = rng(17);
      const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!;
      const records = ctx.store.records(ctx.spec);
      const owners = new Map<string, Owned[]>();
      let n = 0;
      const bulk = async (count: number, start: number) => {
        const made = await records.insertMany(
          'lead',
          Array.from({ length: count }, (_, i) => ({
            name: `B${start + i}`,
            ownerId: pick(['u1', 'u2', null]),
            createdAt: T0 + (start + i) * 5 * H,
          })),
        );
        return allOk(made);
      };
      const leads: StoredRecord[] = await bulk(20, 0);
      for (let i = 0; i < 6; i++)
        leads.push(
          await ok(
            records.insert('lead', {
              name: `S${i}`,
              ownerId: pick(['u3', null]),
              createdAt: T0 + (i * 9 + 2) * H,
            }),
          ),
        );
      const ownerRow = (l: StoredRecord): HistoryRow & { id: string } => ({
        id: `h${String(1000 - n++).padStart(4, '0')}`,
        changeId: `c${n}`,
        entity: 'lead',
        recordId: l.id,
        field: 'ownerId',
        before: next() < 0.6 ? null : 'u1',
        after: pick(['u1', 'u2', 'u3']),
        actorId: null,
        via: 'test',
        // Within and past 24 hours of creation, a few before it.
        at: l.createdAt + Math.floor(next() * 60 - 6) * H,
      });
      const keep = (rows: (HistoryRow & { id: string })[]) => {
        for (const r of rows)
          owners.set(r.recordId, [...(owners.get(r.recordId) ?? []), r as Owned]);
      };
      const current = async (l: StoredRecord) => (await records.get('lead', l.id)) ?? l;
      for (let round = 0; round < 60; round++) {
        const l = pick(leads);
        const r = next();
        if (r < 0.25) {
          const rows = [ownerRow(l)];
          await ctx.store.history.append(rows);
          keep(rows);
        } else if (r < 0.35) {
          const rows = [ownerRow(pick(leads)), ownerRow(pick(leads)), ownerRow(l)];
          await ctx.store.history.append(rows);
          keep(rows);
        } else if (r < 0.55) {
          // The owner changed or cleared (moves the record between groups), or its stage.
          const now = await current(l);
          if (now.deletedAt === null)
            await ok(
              records.update(
                'lead',
                l.id,
                next() < 0.7 ? { ownerId: pick(['u1', 'u2', null]) } : { stage: 'won' },
                now.version,
              ),
            );
        } else if (r < 0.65) {
          await expect(
            ctx.store.transaction(async (tx) => {
              await tx.history.append([{ ...ownerRow(l), at: l.createdAt - H, before: null }]);
              throw new Error('roll back');
            }),
          ).rejects.toThrow('roll back');
        } else if (r < 0.8) {
          const now = await current(l);
          if (now.deletedAt === null) {
            await ok(records.softDelete('lead', l.id));
            if (next() < 0.5) await ok(records.restore('lead', l.id));
          }
        } else if (r < 0.85) {
          // An import: records in bulk, their owner rows in one batch.
          const more = await bulk(17, 30 + round);
          leads.push(...more);
          const rows = more.filter(() => next() < 0.6).map(ownerRow);
          await ctx.store.history.append(rows);
          keep(rows);
        }
        if (round === 45) {
          // Every history row gone: records fall back to whether they have an owner.
          await ctx.store.transaction((tx) => tx.tables.clear('record_history'));
          owners.clear();
        }
      }

      const live: StoredRecord[] = [];
      for (const l of leads) {
        const now = await records.get('lead', l.id);
        if (now && now.deletedAt === null) live.push(now);
      }
      const inTime = (l: StoredRecord): boolean => {
        const f = first(owners.get(l.id) ?? []);
        if (!f) return l.ownerId !== null;
        return f.before !== null || f.at - l.createdAt <= DAY;
      };
      expect(live.filter(inTime).length).toBeGreaterThan(5);
      expect(live.filter((l) => !inTime(l)).length).toBeGreaterThan(5);

      const num = (v: unknown) => Number(v);
      const rows = await ctx.store.tables.rows('report_rows');
      expect(new Map(rows.map((r) => [String(r.record_id), num(r.in_time)]))).toEqual(
        new Map(live.map((l) => [l.id, inTime(l) ? 1 : 0])),
      );
      // Every group holds the sum of its records' values (shards and zero sums folded).
      const sums = (xs: Record<string, unknown>[], time: string) => {
        const m = new Map<string, number>();
        for (const g of xs) {
          const k = `${num(g[time])}|${String(g.owner_id)}`;
          m.set(k, (m.get(k) ?? 0) + num(g.in_time));
        }
        return new Map([...m].filter(([, v]) => v !== 0));
      };
      const monthOf = (day: number) => {
        const d = new Date(day * DAY);
        return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / DAY;
      };
      const want = (time: (day: number) => number) => {
        const m = new Map<string, number>();
        for (const l of live.filter(inTime)) {
          const k = `${time(Math.floor(l.createdAt / DAY))}|${l.ownerId ?? ''}`;
          m.set(k, (m.get(k) ?? 0) + 1);
        }
        return m;
      };
      expect(sums(await ctx.store.tables.rows('report_cohorts'), 'day')).toEqual(want((d) => d));
      expect(sums(await ctx.store.tables.rows('report_cohort_months'), 'month')).toEqual(
        want(monthOf),
      );

      // Read from the groups and from the records: the same counts, per owner and in a scope.
      const reports = ctx.store.reports(ctx.spec);
      const from = T0 + 7 * H; // partial days at both ends, a whole month inside
      const to = T0 + 33 * DAY + 5 * H;
      const range = [{ '>=': [{ var: 'createdAt' }, from] }, { '<=': [{ var: 'createdAt' }, to] }];
      const brute = (scope: (l: StoredRecord) => boolean) => {
        const m = new Map<string | null, number>();
        for (const l of live)
          if (l.createdAt >= from && l.createdAt <= to && scope(l))
            m.set(l.ownerId, (m.get(l.ownerId) ?? 0) + (inTime(l) ? 1 : 0));
        return m;
      };
      for (const [scope, mine] of [
        [undefined, () => true],
        [{ '==': [{ var: 'ownerId' }, 'u2'] }, (l: StoredRecord) => l.ownerId === 'u2'],
      ] as const) {
        for (const extra of [[], [VIA_RECORDS]]) {
          const read = await ok(
            reports.aggregate('lead', {
              filter: { and: [...range, ...extra] },
              ...(scope ? { scope } : {}),
              by: [{ field: 'ownerId' }],
              measures: [IN_TIME, { op: 'count' }],
            }),
          );
          expect(new Map(read.map((r) => [r.keys[0] ?? null, r.values[0]]))).toEqual(brute(mine));
        }
      }
    });
  });
}
