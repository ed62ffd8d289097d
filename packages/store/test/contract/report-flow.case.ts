import { describe, expect, it } from 'vitest';
import type { DwellRow, EntryRow, FlowQuery, ReportRepo, StoredRecord } from '../../src/index';
import { useStore, type StoreFactory } from './factory';

const STAGES = ['new', 'qualified', 'trial', 'quoted', 'won', 'lost'];
const MIN = 60_000;
const H = 3_600_000;
const DAY = 86_400_000;
// Not a UTC midnight: most ranges below have partial days at their ends.
const T0 = Date.UTC(2026, 0, 1, 7, 13);

function rng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

/** Always true, but on a field the flow groups do not hold: forces the full query. */
const FULL = { '!=': [{ var: 'id' }, ''] };

/**
 * report_entries / report_reentries / report_dwell / report_moves are kept by triggers in every
 * write's transaction: after random records, transitions (out of time order, repeated entries
 * into a stage, equal times, dwell from minutes to weeks), owner and team changes, deletes,
 * restores, transitions removed and written again, and a rolled-back transaction, the period
 * funnel (entries) and dwell time answered from them equal the full query over the transitions.
 */
export function reportFlowContract(factory: StoreFactory): void {
  const ctx = useStore(factory);
  const repo = (): ReportRepo => ctx.store.reports(ctx.spec);
  const ok = async <T>(p: Promise<{ ok: true; value: T } | { ok: false; error: unknown }>) => {
    const r = await p;
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    return r.value;
  };

  async function churn(seed: number, n: number): Promise<StoredRecord[]> {
    const next = rng(seed);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!;
    const live: StoredRecord[] = [];
    const gone: StoredRecord[] = [];
    const records = () => ctx.store.records(ctx.spec);
    const dwell = () =>
      pick([null, 0, 30 * MIN, 5 * H, 5 * H, DAY + 7, 3 * DAY, 12 * DAY, 40 * DAY]) ??
      (next() < 0.5 ? null : Math.floor(next() * 9 * DAY));
    const move = (rec: StoredRecord, at: number) =>
      ctx.store.transitions.append({
        entity: 'lead',
        recordId: rec.id,
        fromStage: next() < 0.15 ? null : pick(STAGES),
        // Often a stage entered before: a second entry into it.
        toStage: pick(STAGES.slice(0, 4)),
        actorId: null,
        via: 'test',
        at,
        dwellMs: dwell(),
      });
    for (let i = 0; i < n; i++) {
      const roll = next();
      const at = T0 + Math.floor(next() * 12 * DAY);
      if (roll < 0.3 || live.length < 5) {
        const rec = await ok(
          records().insert(
            'lead',
            {
              name: `L${seed}-${i}`,
              ownerId: pick(['u1', 'u2', 'u3', null]),
              teamId: pick(['north', 'south', null]),
              createdAt: at,
            },
            { now: at },
          ),
        );
        live.push(rec);
        continue;
      }
      const k = Math.floor(next() * live.length);
      const rec = live[k]!;
      if (roll < 0.65) {
        // Transitions at any time after creation, not in order; now and then at the same ms.
        const when = next() < 0.1 ? rec.createdAt : rec.createdAt + Math.floor(next() * 6 * DAY);
        await move(rec, when);
        if (next() < 0.3)
          live[k] = await ok(
            records().update('lead', rec.id, { stage: pick(STAGES) }, rec.version),
          );
      } else if (roll < 0.8) {
        live[k] = await ok(
          records().update(
            'lead',
            rec.id,
            next() < 0.6
              ? { ownerId: pick(['u1', 'u2', 'u3', null]) }
              : { teamId: pick(['north', 'south', null]) },
            rec.version,
          ),
        );
      } else if (roll < 0.9) {
        await ok(records().softDelete('lead', rec.id));
        gone.push(...live.splice(k, 1));
        // A deleted record's transitions are written too (and count once it is restored).
        if (next() < 0.5) await move(rec, rec.createdAt + Math.floor(next() * 3 * DAY));
      } else if (gone.length) {
        const back = gone.pop()!;
        live.push(await ok(records().restore('lead', back.id)));
      }
    }
    return live;
  }

  const ranges: FlowQuery['at'][] = [
    undefined,
    { from: T0 + 2 * DAY + 5 * H, to: T0 + 7 * DAY + 3 * H },
    { from: T0 + 3 * DAY, to: T0 + 3 * DAY + 9 * H },
    { from: Date.UTC(2026, 0, 4), to: Date.UTC(2026, 0, 9) },
    { from: T0 + 4 * DAY + 11 * H },
    { to: T0 + 5 * DAY + 2 * H },
  ];
  const scopes = [
    undefined,
    { '==': [{ var: 'ownerId' }, { var: '$user.id' }] },
    { in: [{ var: 'teamId' }, { var: '$user.teams' }] },
  ];
  const context = { now: T0, user: { id: 'u2', teams: ['north'], roles: ['sales'] } };
  const filters = [undefined, { in: [{ var: 'ownerId' }, ['u1', 'u3']] }];

  const entryKey = (rows: EntryRow[]) =>
    rows
      .filter((r) => r.records > 0)
      .map((r) => `${r.stage}|${String(r.key)}|${r.records}`)
      .sort();
  const dwellKey = (rows: DwellRow[]) =>
    rows.map((r) => `${r.stage}|${String(r.key)}|${r.count}|${r.median}|${r.p90}`).sort();
  const means = (rows: DwellRow[]) =>
    Object.fromEntries(rows.map((r) => [`${r.stage}|${String(r.key)}`, r.mean]));

  /** Every range × scope × filter × split: groups and full query agree. Returns rows compared. */
  async function compareAll(): Promise<number> {
    let compared = 0;
    for (const at of ranges)
      for (const scope of scopes)
        for (const filter of filters)
          for (const by of [undefined, 'ownerId', 'teamId']) {
            const q: FlowQuery = {
              ...(scope ? { scope } : {}),
              context,
              ...(at ? { at } : {}),
              ...(by ? { by } : {}),
            };
            const full = { ...q, filter: filter ? { and: [filter, FULL] } : FULL };
            const fast = { ...q, ...(filter ? { filter } : {}) };
            const e1 = await ok(repo().entries('lead', fast));
            const e2 = await ok(repo().entries('lead', full));
            expect(entryKey(e1)).toEqual(entryKey(e2));
            const d1 = await ok(repo().dwell('lead', fast));
            const d2 = await ok(repo().dwell('lead', full));
            expect(dwellKey(d1)).toEqual(dwellKey(d2));
            const m2 = means(d2);
            for (const [k, v] of Object.entries(means(d1))) expect(v).toBeCloseTo(m2[k]!, 6);
            compared += e2.length + d2.length;
          }
    return compared;
  }

  describe(`${factory.dialect}: report flow groups`, () => {
    it('answers period funnels and dwell times from the groups exactly as the full query', async () => {
      const live = await churn(5, 220);
      expect(live.length).toBeGreaterThan(20);
      // Enough non-empty answers that agreement means something.
      expect(await compareAll()).toBeGreaterThan(400);
    });

    it('stays exact when transitions are removed and written again out of order', async () => {
      await churn(9, 160);
      const all = await ctx.store.tables.rows('stage_transitions');
      const next = rng(3);
      const keep = all.filter(() => next() < 0.7).sort(() => next() - 0.5);
      await ctx.store.transaction(async (tx) => {
        await tx.tables.clear('stage_transitions');
        await tx.tables.insert('stage_transitions', keep);
      });
      expect(await ctx.store.tables.count('stage_transitions')).toBe(keep.length);
      expect(await compareAll()).toBeGreaterThan(200);
    });

    it('rolls the groups back with a failed transaction', async () => {
      const live = await churn(13, 80);
      const q = { by: 'ownerId', at: { from: T0 } };
      const before = [await ok(repo().entries('lead', q)), await ok(repo().dwell('lead', q))];
      await expect(
        ctx.store.transaction(async (tx) => {
          for (const rec of live.slice(0, 5))
            await tx.transitions.append({
              entity: 'lead',
              recordId: rec.id,
              fromStage: 'new',
              toStage: 'trial',
              actorId: null,
              via: 'test',
              at: T0 + DAY,
              dwellMs: 2 * H,
            });
          throw new Error('roll back');
        }),
      ).rejects.toThrow('roll back');
      const after = [await ok(repo().entries('lead', q)), await ok(repo().dwell('lead', q))];
      expect(after).toEqual(before);
    });
  });
}
