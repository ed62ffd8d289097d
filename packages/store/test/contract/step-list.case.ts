import { beforeEach, describe, expect, it } from 'vitest';
import type { ListPage, RecordQuery, SortSpec, StoredRecord, TransitionRow } from '../../src/index';
import { useStore, type StoreFactory } from './factory';
import { rng, ok } from './seeded';

const PATH = ['new', 'qualified', 'trial', 'quoted', 'won'];
const DAY = 86_400_000;
const T0 = 1_767_225_600_000; // 2026-01-01T00:00Z

type Entry = { to: string; at: number };
type Lead = StoredRecord & { entries: Entry[] };

/** A seeded generator: the same data on every dialect and run. */
/** SQLite's order (NULL first ascending, last descending), the id breaking ties in the first key's direction. */
function byKeys(sort: readonly SortSpec[]): (a: StoredRecord, b: StoredRecord) => number {
  const keys = [...sort, { field: 'id', dir: sort[0]?.dir ?? 'desc' }];
  return (a, b) => {
    for (const k of keys) {
      const [x, y] = [a[k.field], b[k.field]] as [unknown, unknown];
      if (x === y || (x == null && y == null)) continue;
      const c =
        x == null ? -1 : y == null ? 1 : (x as number | string) < (y as number | string) ? -1 : 1;
      return k.dir === 'asc' ? c : -c;
    }
    return 0;
  };
}

/**
 * A period funnel's step opened as a list (a lone `enteredStage`: a manager's click): its pages,
 * in the list's own order and followed by cursor, and its total from the list and from the
 * view's groups (the web list's count) against a brute-force pass over walks with re-entries,
 * soft-deleted records and bulk appends. Unscoped, these take the step's own reads
 * (sql/reports/step-list.ts, entered-count.ts); a scope takes the EXISTS per record.
 */
export function stepListContract(factory: StoreFactory): void {
  const ctx = useStore(factory);
  let live: Lead[] = [];

  beforeEach(async () => {
    const next = rng(5);
    const all: Lead[] = [];
    const batch: TransitionRow[] = [];
    await ctx.store.transaction(async (tx) => {
      for (let i = 0; i < 36; i++) {
        const createdAt = T0 + Math.floor(next() * 6 * DAY);
        const rec = await ok(
          tx.records(ctx.spec).insert(
            'lead',
            {
              name: `S${String(Math.floor(next() * 12)).padStart(2, '0')}`,
              budget: next() < 0.7 ? Math.floor(next() * 5) * 100 : null,
              ownerId: ['u1', 'u2', null][i % 3]!,
              createdAt,
            },
            { now: createdAt },
          ),
        );
        // A walk that steps back now and then (re-entries), appended one by one or in a batch.
        const entries: Entry[] = [];
        let [at, k] = [createdAt, 0];
        const rows: TransitionRow[] = [];
        let from: string | null = null;
        for (;;) {
          const to = PATH[k]!;
          entries.push({ to, at });
          rows.push({
            entity: 'lead',
            recordId: rec.id,
            fromStage: from,
            toStage: to,
            actorId: null,
            via: 'test',
            at,
            dwellMs: null,
          });
          if (to === 'won' || entries.length === 8) break;
          from = to;
          k = k > 0 && next() < 0.4 ? k - 1 : k + 1;
          at += 1 + Math.floor(next() * DAY);
        }
        if (i % 2 === 0) batch.push(...rows);
        else for (const r of rows) await tx.transitions.append(r);
        all.push({ ...rec, entries });
      }
      await tx.transitions.appendMany(batch);
    });
    // Soft-deleted records never show, whatever they entered.
    for (const l of all.slice(0, 3)) await ok(ctx.store.records(ctx.spec).softDelete('lead', l.id));
    live = all.slice(3);
  });

  const entrants = (stage: string, from: number | null, to: number | null) =>
    live.filter((l) =>
      l.entries.some(
        (e) => e.to === stage && e.at >= (from ?? -Infinity) && e.at < (to ?? Infinity),
      ),
    );

  /** Every page of a list, followed by cursor; each page's total checked. */
  async function pages(q: RecordQuery, total: number): Promise<string[]> {
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const page: ListPage = await ok(
        ctx.store.records(ctx.spec).list('lead', { ...q, cursor, limit: 4, count: true }),
      );
      expect(page.total).toBe(total);
      ids.push(...page.records.map((r) => r.id));
      cursor = page.nextCursor;
    } while (cursor !== null);
    return ids;
  }

  describe('a period step opened as a list', () => {
    it('pages the records that entered the stage in the range, in the list order, and counts them', async () => {
      let reentered = 0;
      for (const [from, to] of [
        [T0 + DAY, T0 + 4 * DAY],
        [T0 + 2 * DAY + 7, T0 + 9 * DAY],
        [null, T0 + 3 * DAY],
        [T0 + 5 * DAY, null],
      ] as const)
        for (const stage of ['qualified', 'trial', 'quoted', 'won']) {
          const want = entrants(stage, from, to);
          reentered += want.filter(
            (l) =>
              l.entries.filter(
                (e) => e.to === stage && e.at >= (from ?? -Infinity) && e.at < (to ?? Infinity),
              ).length > 1,
          ).length;
          const filter = { enteredStage: [stage, from, to] };
          const label = `${stage} ${from} ${to}`;
          for (const sort of [
            [],
            [{ field: 'name', dir: 'asc' }],
            [{ field: 'budget', dir: 'desc' }],
          ] as SortSpec[][]) {
            const got = await pages({ filter, ...(sort.length ? { sort } : {}) }, want.length);
            const order = sort.length ? sort : [{ field: 'createdAt', dir: 'desc' as const }];
            expect(got, `${label} ${JSON.stringify(sort)}`).toEqual(
              [...want].sort(byKeys(order)).map((l) => l.id),
            );
          }
          // The web list's total: the view's groups without a grouping field.
          const groups = await ok(ctx.store.records(ctx.spec).group('lead', { filter }));
          expect(
            groups.map((g) => g.count),
            label,
          ).toEqual([want.length]);
          // Scoped (a rep), the same records of the scope, counted per record.
          const scope = { '==': [{ var: 'ownerId' }, 'u1'] };
          const mine = want.filter((l) => l.ownerId === 'u1');
          expect(await pages({ filter, scope }, mine.length), label).toEqual(
            [...mine].sort(byKeys([{ field: 'createdAt', dir: 'desc' }])).map((l) => l.id),
          );
          const scoped = await ok(ctx.store.records(ctx.spec).group('lead', { filter, scope }));
          expect(
            scoped.map((g) => g.count),
            label,
          ).toEqual([mine.length]);
        }
      // The data means something: records entered a stage twice within a range.
      expect(reentered).toBeGreaterThan(5);
    });

    it('counts a step with none of its records as one group of 0 and an empty page', async () => {
      const filter = { enteredStage: ['won', T0 - 9 * DAY, T0 - 8 * DAY] };
      expect(await ok(ctx.store.records(ctx.spec).group('lead', { filter }))).toEqual([
        { value: null, count: 0, sums: {} },
      ]);
      expect(await pages({ filter }, 0)).toEqual([]);
    });
  });
}
