import { describe, expect, it } from 'vitest';
import type { StoredRecord, TransitionRow } from '../../src/index';
import { useStore, type StoreFactory } from './factory';
import { allOk, ok, rng } from './seeded';

const H = 3_600_000;
const DAY = 86_400_000;
// Not a UTC midnight: the records' days start mid-day.
const T0 = Date.UTC(2026, 1, 3, 9, 30);
const STAGES = ['new', 'qualified', 'trial', 'quoted', 'won', 'lost'];
const OWNERS = ['u1', 'u2', 'u3', null];
const TEAMS = ['north', 'south', null];
/** True for every record, on a field no kept table holds: the records' transitions are read. */
const VIA_RECORDS = { '!=': [{ var: 'name' }, '-'] };

type Entry = { recordId: string; stage: string; at: number };

/**
 * A scoped period funnel (a rep's own records, a team) against a brute-force count, after
 * records created one by one and in bulk, stage entries and re-entries appended one by one and
 * in batches, owners and teams changed and cleared, records soft-deleted and restored, and a
 * rolled-back transaction; over ranges starting at and past midnight UTC, open at the end and
 * inside one day. PostgreSQL counts the whole days from report_owner_entries (each record's
 * entries under its current owner and team, moved when they change: migration 0018), whose rows
 * are compared with a brute-force grouping too; SQLite reads the reader's transitions.
 */
export function reportOwnerEntriesContract(factory: StoreFactory): void {
  const ctx = useStore(factory);

  describe(`${factory.dialect}: period funnel per owner and team`, () => {
    it('counts a scope exactly through owner changes, deletes, restores, bulk writes and a rollback', async () => {
      const next = rng(23);
      const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!;
      const records = () => ctx.store.records(ctx.spec);
      const entries: Entry[] = [];
      const clock = new Map<string, number>();
      const leads: StoredRecord[] = [];
      // A record's next move: later than its previous one, so each entry's previous entry into
      // the stage is the one before it in time.
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
      const written = (rows: TransitionRow[]) =>
        entries.push(...rows.map((r) => ({ recordId: r.recordId, stage: r.toStage, at: r.at })));
      const create = async (i: number) => {
        const at = T0 + Math.floor(next() * 14 * DAY);
        const l = await ok(
          records().insert(
            'lead',
            { name: `S${i}`, ownerId: pick(OWNERS), teamId: pick(TEAMS), createdAt: at },
            { now: at },
          ),
        );
        leads.push(l);
        const first = move(l, 'new');
        await ctx.store.transitions.append(first);
        written([first]);
      };
      const bulk = async (count: number, start: number) => {
        const made = await records().insertMany(
          'lead',
          Array.from({ length: count }, (_, i) => ({
            name: `B${start + i}`,
            ownerId: pick(OWNERS),
            teamId: pick(TEAMS),
            createdAt: T0 + Math.floor(next() * 14 * DAY),
          })),
        );
        const more = allOk(made);
        leads.push(...more);
        // Their entries in one batch, some with a second move.
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
      await bulk(18, 0);
      for (let round = 0; round < 90; round++) {
        const l = pick(leads);
        const r = next();
        if (r < 0.35) {
          // Moves, re-entries among them (a stage entered again later).
          const row = move(l, pick(STAGES));
          await ctx.store.transitions.append(row);
          written([row]);
        } else if (r < 0.55) {
          const now = await current(l);
          if (!deleted.has(l.id))
            await ok(
              records().update(
                'lead',
                l.id,
                next() < 0.6 ? { ownerId: pick(OWNERS) } : { teamId: pick(TEAMS) },
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
          // A new owner and a move, rolled back together.
          const now = await current(l);
          const saved = clock.get(l.id);
          await expect(
            ctx.store.transaction(async (tx) => {
              if (!deleted.has(l.id))
                await ok(tx.records(ctx.spec).update('lead', l.id, { ownerId: 'u9' }, now.version));
              await tx.transitions.append(move(l, 'won'));
              throw new Error('roll back');
            }),
          ).rejects.toThrow('roll back');
          if (saved === undefined) clock.delete(l.id);
          else clock.set(l.id, saved);
        } else if (r < 0.8) {
          await bulk(17, 100 + round);
        } else if (r < 0.9) {
          // A batch of moves over several records.
          const rows = Array.from({ length: 16 }, () => move(pick(leads), pick(STAGES)));
          await ctx.store.transitions.appendMany(rows);
          written(rows);
        } else await create(1000 + round);
      }

      // Re-entered on a whole day of the first range after leaving the stage on its first
      // day, before the range starts: counted (its previous entry lies before the range).
      const back = await ok(
        records().insert(
          'lead',
          { name: 'Back', ownerId: 'u1', teamId: 'north', createdAt: T0 },
          { now: T0 },
        ),
      );
      leads.push(back);
      const trip = [
        ['new', T0 + H],
        ['qualified', T0 + 2 * H],
        ['new', T0 + 2 * DAY],
      ].map(([toStage, at]) => ({
        ...move(back, 'new'),
        toStage: toStage as string,
        at: at as number,
      }));
      for (const row of trip) await ctx.store.transitions.append(row);
      written(trip);

      const live = new Map<string, StoredRecord>();
      for (const l of leads) {
        const now = await records().get('lead', l.id);
        if (now && now.deletedAt === null) live.set(now.id, now);
      }
      expect(live.size).toBeGreaterThan(40);
      expect(live.size).toBeLessThan(leads.length);
      // Each entry's previous entry into the same stage by the same record (entries are in time order per record).
      const prevOf = new Map<Entry, number | null>();
      const lastAt = new Map<string, number>();
      for (const e of [...entries].sort((a, b) => a.at - b.at)) {
        const k = `${e.recordId}|${e.stage}`;
        prevOf.set(e, lastAt.get(k) ?? null);
        lastAt.set(k, e.at);
      }

      if (factory.dialect === 'postgres') {
        // The kept rows: every live record's entries under its owner and team, shards folded.
        const want = new Map<string, number>();
        for (const e of entries) {
          const l = live.get(e.recordId);
          if (!l) continue;
          const p = prevOf.get(e)!;
          const k = [
            Math.floor(e.at / DAY),
            l.ownerId ?? '',
            l.teamId ?? '',
            e.stage,
            p === null ? -1 : Math.floor(p / DAY),
          ].join('|');
          want.set(k, (want.get(k) ?? 0) + 1);
        }
        const have = new Map<string, number>();
        for (const g of await ctx.store.tables.rows('report_owner_entries')) {
          expect(Number(g.entries)).not.toBe(0);
          const k = [g.day, g.owner_id, g.team_id, g.stage, g.prev_day].map(String).join('|');
          have.set(k, (have.get(k) ?? 0) + Number(g.entries));
        }
        expect(have).toEqual(want);
      }

      const brute = (from: number, to: number, mine: (l: StoredRecord) => boolean) => {
        const m = new Map<string, Set<string>>();
        for (const e of entries) {
          const l = live.get(e.recordId);
          const p = prevOf.get(e)!;
          if (!l || !mine(l) || e.at < from || e.at >= to || (p !== null && p >= from)) continue;
          if (!m.has(e.stage)) m.set(e.stage, new Set());
          m.get(e.stage)!.add(e.recordId);
        }
        return new Map([...m].map(([s, ids]) => [s, ids.size]));
      };
      const repo = ctx.store.reports(ctx.spec);
      const scopes: [unknown, (l: StoredRecord) => boolean][] = [
        [{ '==': [{ var: 'ownerId' }, 'u1'] }, (l) => l.ownerId === 'u1'],
        [{ '==': [{ var: 'ownerId' }, { var: '$user.id' }] }, (l) => l.ownerId === 'u2'],
        [{ in: [{ var: 'teamId' }, ['north']] }, (l) => l.teamId === 'north'],
        [{ '==': [{ var: 'ownerId' }, null] }, (l) => l.ownerId === null],
      ];
      const ranges: [number, number | undefined][] = [
        [T0 + 5 * H, T0 + 9 * DAY + 7 * H], // partial days at both ends, the start's day re-entered
        [Date.UTC(2026, 1, 5), Date.UTC(2026, 1, 12)], // midnights
        [T0 + 2 * DAY + 20 * H, undefined], // open at the end
        [T0 + 3 * DAY + H, T0 + 3 * DAY + 9 * H], // inside one day
      ];
      let counted = 0;
      for (const [scope, mine] of scopes)
        for (const [from, to] of ranges) {
          const want = brute(from, to ?? Number.MAX_SAFE_INTEGER, mine);
          counted += [...want.values()].reduce((a, n) => a + n, 0);
          for (const filter of [undefined, VIA_RECORDS]) {
            const rows = await ok(
              repo.entries('lead', {
                scope,
                ...(filter ? { filter } : {}),
                context: { user: { id: 'u2', teams: [], roles: ['sales'] } },
                at: { from, ...(to !== undefined ? { to } : {}) },
              }),
            );
            expect(
              new Map(rows.map((x) => [x.stage, x.records])),
              JSON.stringify({ scope, from, to, filter }),
            ).toEqual(want);
          }
        }
      expect(counted).toBeGreaterThan(100);
    });
  });
}
