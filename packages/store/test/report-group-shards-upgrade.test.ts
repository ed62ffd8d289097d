import { describe, expect } from 'vitest';
import { openStore, type Store } from '../src/index';
import { baseSpec } from './fixtures';
import { itOnPostgres } from './on-databases';
import { pgStampsFrom, writeSteppedLeads } from './stepped-leads';

const H = 3_600_000;
const DAY = 24 * H;
// Late in January: the leads' days run into February (two month groups).
const T0 = Date.UTC(2026, 0, 27, 5);
const OWNERS = ['u1', 'u2', null];
const owned = (i: number) => ({ ownerId: OWNERS[i % 3] ?? null, teamId: i % 2 ? 'north' : null });
const MONTH = `CAST(extract(epoch FROM date_trunc('month', to_timestamp(day * 86400) AT TIME ZONE 'UTC')) AS bigint) / 86400`;

/** The live records grouped by creation day (or month), owner, team, stage and entered stages, with their sums. */
const brute = (
  period: string,
) => `SELECT ${period} || '|' || COALESCE(r.owner_id, '') || '|' || COALESCE(r.team_id, '') || '|' || COALESCE(r.stage, '') || '|' || COALESCE(x.entered, '')
    || '|' || count(*) || '|' || sum(r.created_at) || '|' || sum(COALESCE(r.stage_entered_at, 0)) || '|' || count(r.stage_entered_at) AS k
  FROM (SELECT *, created_at / 86400000 AS day FROM e_lead WHERE deleted_at IS NULL) r
  LEFT JOIN (SELECT record_id, string_agg(DISTINCT to_stage, ',' ORDER BY to_stage) AS entered FROM stage_transitions WHERE entity = 'lead' GROUP BY record_id) x ON x.record_id = r.id
  GROUP BY ${period}, r.owner_id, r.team_id, r.stage, x.entered`;
/** A group table's rows, shards summed. */
const kept = (
  table: string,
  period: string,
) => `SELECT ${period} || '|' || owner_id || '|' || team_id || '|' || stage || '|' || entered
    || '|' || sum(records) || '|' || sum(sum_created) || '|' || sum(sum_stage_at) || '|' || sum(n_stage_at) AS k
  FROM ${table} WHERE entity = 'lead' GROUP BY ${period}, owner_id, team_id, stage, entered`;
/** Owned groups' rows outside shard 0, in both grains. */
const OWNED_SPLIT = `SELECT (SELECT count(*) FROM report_cohorts WHERE owner_id <> '' AND shard <> 0) + (SELECT count(*) FROM report_cohort_months WHERE owner_id <> '' AND shard <> 0) AS k`;
/** The groups as the code before 0019 kept them: every record's row in its own shard. */
const SHARDED = [
  'TRUNCATE report_cohorts',
  `INSERT INTO report_cohorts (entity, day, owner_id, team_id, stage, entered, shard, records, sum_created, sum_stage_at, n_stage_at, in_time) SELECT entity, day, owner_id, team_id, stage, entered, shard, count(*), sum(created_at), sum(COALESCE(stage_at, 0)), sum(CASE WHEN stage_at IS NULL THEN 0 ELSE 1 END), sum(in_time) FROM report_rows GROUP BY 1, 2, 3, 4, 5, 6, 7`,
  'TRUNCATE report_cohort_months',
  `INSERT INTO report_cohort_months (entity, month, owner_id, team_id, stage, entered, shard, records, sum_created, sum_stage_at, n_stage_at, in_time) SELECT entity, ${MONTH}, owner_id, team_id, stage, entered, shard, count(*), sum(created_at), sum(COALESCE(stage_at, 0)), sum(CASE WHEN stage_at IS NULL THEN 0 ELSE 1 END), sum(in_time) FROM report_rows GROUP BY 1, 2, 3, 4, 5, 6, 7`,
  'DROP INDEX report_rows_created_ix',
  'CREATE INDEX report_rows_created_ix ON report_rows (entity, created_at)',
];

/** Counts and mean times per owner over a range with partial days at both ends: groups against the full query. */
async function sameAsFull(store: Store): Promise<number> {
  const filter = {
    and: [
      { '>=': [{ var: 'createdAt' }, T0 + DAY - 5 * H] },
      { '<': [{ var: 'createdAt' }, T0 + 7 * DAY + 3 * H] },
    ],
  };
  const q = {
    by: [{ field: 'ownerId' }],
    measures: [{ op: 'count' as const }, { op: 'avg' as const, field: 'createdAt' }],
  };
  const repo = store.reports(baseSpec);
  const fast = await repo.aggregate('lead', { ...q, filter });
  const full = await repo.aggregate('lead', {
    ...q,
    filter: { and: [filter, { '!=': [{ var: 'name' }, '-'] }] },
  });
  if (!fast.ok || !full.ok) throw new Error('aggregate failed');
  // The full query sorts an unowned group last, the groups' read first: compared as sets.
  const set = (rows: typeof fast.value) => rows.map((r) => JSON.stringify(r)).sort();
  expect(set(fast.value)).toEqual(set(full.value));
  return fast.value.length;
}

describe('migration 0019 (an owned report group in one row, partial days from the creation index alone; PostgreSQL) on a populated database', () => {
  itOnPostgres(
    'folds the owned groups to one row each with the same sums, and writes after it keep them so',
    async (url, sql) => {
      const rows = async (q: string) =>
        sql(async (c) => (await c.query(q)).rows.map((r: { k: string }) => String(r.k)).sort());
      const expectExact = async () => {
        expect(await rows(kept('report_cohorts', 'day'))).toEqual(await rows(brute('r.day')));
        expect(await rows(kept('report_cohort_months', 'month'))).toEqual(
          await rows(brute(MONTH.replace('day * 86400', 'r.day * 86400'))),
        );
      };
      let store = await openStore({ url, locale: 'en' });
      await store.migrations.syncEntityTables(baseSpec);
      await writeSteppedLeads(store, T0, 0, 36, owned);
      const gone = await sql(
        async (c) =>
          (await c.query("SELECT id FROM e_lead WHERE owner_id = 'u1' ORDER BY id LIMIT 1")).rows[0]
            .id as string,
      );
      expect((await store.records(baseSpec).softDelete('lead', gone)).ok).toBe(true);
      await store.close();
      // Back to before 0019: the groups split over every record's shard, the narrow index, the
      // migration forgotten.
      await sql(async (c) => {
        for (const q of SHARDED) await c.query(q);
        await c.query(
          `DELETE FROM drizzle.__drizzle_migrations WHERE created_at IN (${pgStampsFrom(19)})`,
        );
      });
      expect(Number((await rows(OWNED_SPLIT))[0])).toBeGreaterThan(5);
      await expectExact();

      store = await openStore({ url, locale: 'en' });
      await store.migrations.syncEntityTables(baseSpec);
      expect(await rows(OWNED_SPLIT)).toEqual(['0']);
      await expectExact();
      // Unowned groups stay split (concurrent writers of new unowned leads).
      expect(
        Number(
          (
            await rows(
              "SELECT count(DISTINCT shard) AS k FROM report_cohort_months WHERE owner_id = ''",
            )
          )[0],
        ),
      ).toBeGreaterThan(1);
      expect(
        await rows(
          "SELECT indexdef AS k FROM pg_indexes WHERE indexname = 'report_rows_created_ix'",
        ),
      ).toEqual([
        'CREATE INDEX report_rows_created_ix ON public.report_rows USING btree (entity, created_at) INCLUDE (owner_id, team_id, stage, entered, stage_at, in_time)',
      ]);
      expect(await sameAsFull(store)).toBeGreaterThan(2);

      // Later writes: new leads, owners set, changed and cleared, a stage move, a restore, a delete.
      await writeSteppedLeads(store, T0, 36, 12, owned);
      const ids = await sql(
        async (c) =>
          (
            await c.query(
              'SELECT id, version, owner_id FROM e_lead WHERE deleted_at IS NULL ORDER BY id',
            )
          ).rows as { id: string; version: number; owner_id: string | null }[],
      );
      const records = store.records(baseSpec);
      const unowned = ids.find((r) => r.owner_id === null)!;
      const mine = ids.find((r) => r.owner_id === 'u2')!;
      expect(
        (await records.update('lead', unowned.id, { ownerId: 'u1' }, unowned.version)).ok,
      ).toBe(true);
      expect((await records.update('lead', mine.id, { ownerId: null }, mine.version)).ok).toBe(
        true,
      );
      expect((await records.update('lead', ids[4]!.id, { stage: 'won' }, ids[4]!.version)).ok).toBe(
        true,
      );
      expect((await records.restore('lead', gone)).ok).toBe(true);
      expect((await records.softDelete('lead', ids[5]!.id)).ok).toBe(true);
      expect(await rows(OWNED_SPLIT)).toEqual(['0']);
      await expectExact();
      expect(await sameAsFull(store)).toBeGreaterThan(2);
      await store.close();
    },
    // ~6 s alone; the whole suite's run is 4–6× slower (two lanes on two cores).
    60_000,
  );
});
