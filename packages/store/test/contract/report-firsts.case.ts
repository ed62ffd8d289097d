import { describe, expect, it } from 'vitest';
import type { HistoryRow, StoredRecord, Touch } from '../../src/index';
import { useStore, type StoreFactory } from './factory';
import { allOk, ok, rng } from './seeded';

const H = 3_600_000;
const T0 = 1_767_225_600_000; // 2026-01-01T00:00Z
const UTM = ['spring', 'summer', null] as const;

/** A seeded generator: the same writes on every dialect and run. */
type Owned = { id: string; at: number; before: unknown };

/** Smallest by (at, id), as the old correlated subqueries ordered them. */
const first = <T extends { id: string; at: number }>(xs: T[]): T | undefined =>
  [...xs].sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))[0];

/**
 * report_first_owner and report_first_touch (migration 0014) against a brute-force pass over the
 * history and touches written: rows appended one by one and in batches, out of time order, ties
 * on the time broken by id, a reassignment of a record created owned, a rolled-back write, the
 * touches cleared and written again, records soft-deleted and restored, records created in bulk;
 * and the virtual fields assignDelayMs and firstUtm* that read them.
 */
export function reportFirstsContract(factory: StoreFactory): void {
  const ctx = useStore(factory);

  describe(`${factory.dialect}: first owner and first touch kept per record`, () => {
    it('keeps each record its first ownerId history row and first touch, whatever the order of writes', async () => {
      const next = rng(5);
      const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!;
      const records = ctx.store.records(ctx.spec);
      // 20 in one bulk call (the import path: insert triggers off), 6 one by one.
      const bulk = await records.insertMany(
        'lead',
        Array.from({ length: 20 }, (_, i) => ({
          name: `B${i}`,
          ownerId: pick(['u1', 'u2', null]),
          createdAt: T0 + i * H,
        })),
      );
      const leads: StoredRecord[] = allOk(bulk);
      for (let i = 0; i < 6; i++)
        leads.push(
          await ok(
            records.insert('lead', {
              name: `S${i}`,
              ownerId: pick(['u3', null]),
              createdAt: T0 + (30 + i) * H,
            }),
          ),
        );
      const owners = new Map<string, Owned[]>();
      let touches: Touch[] = [];
      let n = 0;
      const ownerRow = (l: StoredRecord): HistoryRow & { id: string } => {
        // A few share a time with an earlier row of the record: the id decides.
        const mine = owners.get(l.id) ?? [];
        const at =
          mine.length && next() < 0.2 ? mine[0]!.at : l.createdAt + Math.floor(next() * 72) * H;
        return {
          id: `h${String(1000 - n++).padStart(4, '0')}`,
          changeId: `c${n}`,
          entity: 'lead',
          recordId: l.id,
          field: 'ownerId',
          before: next() < 0.5 ? null : pick(['u1', 'u2']),
          after: pick(['u1', 'u2', 'u3']),
          actorId: null,
          via: 'test',
          at,
        };
      };
      const touch = (l: StoredRecord): Touch => {
        const mine = touches.filter((t) => t.recordId === l.id);
        const at =
          mine.length && next() < 0.2 ? mine[0]!.at : l.createdAt + Math.floor(next() * 200) * H;
        return {
          id: `t${String(1000 - n++).padStart(4, '0')}`,
          entity: 'lead',
          recordId: l.id,
          kind: 'form',
          sourceKey: 'apply',
          utmSource: pick(['douyin', 'wechat']),
          utmMedium: null,
          utmCampaign: pick(UTM),
          utmContent: pick(['A', 'B']),
          utmTerm: next() < 0.5 ? 'kw' : null,
          referrer: null,
          landingUrl: null,
          at,
        };
      };
      const keep = (rows: (HistoryRow & { id: string })[]) => {
        for (const r of rows)
          owners.set(r.recordId, [...(owners.get(r.recordId) ?? []), r as Owned]);
      };
      for (let round = 0; round < 40; round++) {
        const l = pick(leads);
        const r = next();
        if (r < 0.3) {
          const rows = [ownerRow(l)];
          await ctx.store.history.append(rows);
          keep(rows);
        } else if (r < 0.4) {
          // One batch over several records (a bulk write's history), out of time order.
          const rows = [ownerRow(pick(leads)), ownerRow(pick(leads)), ownerRow(l)];
          await ctx.store.history.append(rows);
          keep(rows);
        } else if (r < 0.65) {
          const t = touch(l);
          await ctx.store.touches.append(t);
          touches.push(t);
        } else if (r < 0.8) {
          const ts = [touch(l), touch(pick(leads)), touch(l)];
          await ctx.store.touches.appendMany(ts);
          touches.push(...ts);
        } else if (r < 0.9) {
          // Rolled back: leaves no trace.
          await expect(
            ctx.store.transaction(async (tx) => {
              await tx.history.append([{ ...ownerRow(l), at: l.createdAt - H }]);
              await tx.touches.append({ ...touch(l), at: l.createdAt - H });
              throw new Error('roll back');
            }),
          ).rejects.toThrow('roll back');
        } else {
          // Soft-deleted and, half the time, restored: the kept values do not depend on it.
          const gone = await ok(records.softDelete('lead', l.id));
          if (next() < 0.5) await ok(records.restore('lead', gone.id));
        }
        if (round === 25) {
          // Every touch deleted (a workspace copy clears the target's tables), then new ones.
          await ctx.store.transaction((tx) => tx.tables.clear('touches'));
          touches = [];
        }
      }
      expect(owners.size).toBeGreaterThan(8);
      expect(new Set(touches.map((t) => t.recordId)).size).toBeGreaterThan(8);

      const num = (v: unknown) => (v === null ? null : Number(v));
      const ownerRows = (await ctx.store.tables.rows('report_first_owner'))
        .map(
          (r) => `${String(r.record_id)}|${num(r.at)}|${String(r.history_id)}|${num(r.from_none)}`,
        )
        .sort();
      const wantOwners = [...owners].map(([id, rows]) => {
        const f = first(rows)!;
        return `${id}|${f.at}|${f.id}|${f.before === null ? 1 : 0}`;
      });
      expect(ownerRows).toEqual(wantOwners.sort());
      const touchRows = (await ctx.store.tables.rows('report_first_touch'))
        .map((r) =>
          [r.record_id, num(r.at), r.touch_id, r.utm_source, r.utm_medium, r.utm_campaign]
            .concat([r.utm_content, r.utm_term])
            .join('|'),
        )
        .sort();
      const byRecord = new Map<string, Touch[]>();
      for (const t of touches) byRecord.set(t.recordId, [...(byRecord.get(t.recordId) ?? []), t]);
      const wantTouches = [...byRecord.values()].map((ts) => {
        const f = first(ts)!;
        return [f.recordId, f.at, f.id, f.utmSource, f.utmMedium, f.utmCampaign]
          .concat([f.utmContent, f.utmTerm])
          .join('|');
      });
      expect(touchRows).toEqual(wantTouches.sort());

      // The virtual fields read them, for the live records.
      const live = new Map<string, StoredRecord>();
      for (const l of leads) {
        const now = await records.get('lead', l.id);
        if (now) live.set(l.id, now);
      }
      const delay = (l: StoredRecord): number | null => {
        const f = first(owners.get(l.id) ?? []);
        if (!f) return l.ownerId === null ? null : 0;
        return f.before === null ? f.at - l.createdAt : 0;
      };
      const reports = ctx.store.reports(ctx.spec);
      const delays = await ok(
        reports.aggregate('lead', {
          by: [{ field: 'id' }],
          measures: [{ op: 'min', field: 'assignDelayMs' }],
        }),
      );
      expect(new Map(delays.map((r) => [r.keys[0], r.values[0]]))).toEqual(
        new Map([...live.values()].map((l) => [l.id, delay(l)])),
      );
      const campaigns = await ok(
        reports.aggregate('lead', {
          by: [{ field: 'firstUtmCampaign' }, { field: 'firstUtmContent' }],
          measures: [{ op: 'count' }],
        }),
      );
      const want = new Map<string, number>();
      for (const l of live.values()) {
        const f = first(byRecord.get(l.id) ?? []);
        const key = `${f?.utmCampaign ?? null}|${f?.utmContent ?? null}`;
        want.set(key, (want.get(key) ?? 0) + 1);
      }
      expect(new Map(campaigns.map((r) => [`${r.keys[0]}|${r.keys[1]}`, r.values[0]]))).toEqual(
        want,
      );
    });
  });
}
