import { readFileSync } from 'node:fs';
import { describe, expect } from 'vitest';
import { openStore, type Store } from '../src/index';
import { baseSpec } from './fixtures';
import { itOnPostgres } from './on-databases';
import { pgStampsFrom, writeSteppedLeads } from './stepped-leads';

const H = 3_600_000;
const DAY = 24 * H;
const T0 = Date.UTC(2026, 0, 9, 5);
const OWNERS = ['u1', 'u2', null];
/** Leads owned by two reps in turn or by nobody, every other one in a team. */
const owned = (i: number) => ({ ownerId: OWNERS[i % 3] ?? null, teamId: i % 2 ? 'north' : null });

/** The 0016 body of report_entry_change (report_entries alone), as the database had it before 0018. */
function before0018(): string {
  const sql = readFileSync(
    new URL('../drizzle-pg/0016_report_entries.sql', import.meta.url),
    'utf8',
  );
  return sql
    .split('--> statement-breakpoint')
    .find((s) => s.includes('CREATE OR REPLACE FUNCTION'))!;
}

/** Live records' entries recomputed under their owner and team, as `day|owner|team|stage|prev_day|entries`. */
const BRUTE = `SELECT (t.at / 86400000) || '|' || COALESCE(r.owner_id, '') || '|' || COALESCE(r.team_id, '') || '|' || t.to_stage || '|' || COALESCE(t.prev_entry_at / 86400000, -1) || '|' || count(*) AS k
  FROM stage_transitions t JOIN e_lead r ON r.id = t.record_id WHERE r.deleted_at IS NULL
  GROUP BY t.at / 86400000, r.owner_id, r.team_id, t.to_stage, COALESCE(t.prev_entry_at / 86400000, -1)`;
/** The kept rows, shards summed. */
const KEPT = `SELECT day || '|' || owner_id || '|' || team_id || '|' || stage || '|' || prev_day || '|' || sum(entries) AS k
  FROM report_owner_entries GROUP BY day, owner_id, team_id, stage, prev_day HAVING sum(entries) <> 0`;

/** A rep's period funnel over a range past midnight, as `stage|records`. */
async function repFunnel(store: Store, owner: string): Promise<string[]> {
  const r = await store.reports(baseSpec).entries('lead', {
    scope: { '==': [{ var: 'ownerId' }, owner] },
    at: { from: T0 + DAY - 5 * H, to: T0 + 5 * DAY + 3 * H },
  });
  if (!r.ok) throw new Error('entries failed');
  return r.value.map((x) => `${x.stage}|${x.records}`).sort();
}

const bruteRep = (owner: string) =>
  `SELECT t.to_stage || '|' || count(DISTINCT t.record_id) AS k
   FROM stage_transitions t JOIN e_lead r ON r.id = t.record_id
   WHERE r.deleted_at IS NULL AND r.owner_id = '${owner}' AND t.at >= ${T0 + DAY - 5 * H} AND t.at < ${T0 + 5 * DAY + 3 * H}
     AND (t.prev_entry_at IS NULL OR t.prev_entry_at < ${T0 + DAY - 5 * H}) GROUP BY t.to_stage`;

describe('migration 0018 (stage entries per owner and team, report rows by creation; PostgreSQL) on a populated database', () => {
  itOnPostgres(
    'fills report_owner_entries from the live records, keeps it through owner changes, deletes and restores, and the rep funnel is unchanged',
    async (url, sql) => {
      const rows = async (q: string) =>
        sql(async (c) => (await c.query(q)).rows.map((r: { k: string }) => r.k).sort());
      let store = await openStore({ url, locale: 'en' });
      await store.migrations.syncEntityTables(baseSpec);
      await writeSteppedLeads(store, T0, 0, 30, owned);
      const gone = await sql(
        async (c) =>
          (await c.query('SELECT id FROM e_lead ORDER BY id LIMIT 1')).rows[0].id as string,
      );
      expect((await store.records(baseSpec).softDelete('lead', gone)).ok).toBe(true);
      await store.close();
      // Back to before 0018: no table, the transitions' function of 0016, the migration forgotten.
      await sql(async (c) => {
        await c.query('DROP TABLE report_owner_entries');
        await c.query('DROP INDEX report_rows_created_ix');
        await c.query(before0018());
        await c.query(
          `DELETE FROM drizzle.__drizzle_migrations WHERE created_at IN (${pgStampsFrom(18)})`,
        );
      });
      store = await openStore({ url, locale: 'en' });
      await store.migrations.syncEntityTables(baseSpec);
      // The partial days' index of report_rows (cohort.ts) comes with it.
      expect(
        await rows("SELECT indexname AS k FROM pg_indexes WHERE tablename = 'report_rows'"),
      ).toContain('report_rows_created_ix');
      const want = await rows(BRUTE);
      expect(want.length).toBeGreaterThan(30);
      expect(want.some((k) => k.split('|')[1] === '')).toBe(true);
      expect(await rows(KEPT)).toEqual(want);
      for (const owner of ['u1', 'u2'])
        expect(await repFunnel(store, owner)).toEqual(await rows(bruteRep(owner)));
      // Later writes: new leads, an owner change, a team cleared, a restore, a soft delete.
      await writeSteppedLeads(store, T0, 30, 12, owned);
      const ids = await sql(
        async (c) =>
          (await c.query('SELECT id, version FROM e_lead WHERE deleted_at IS NULL ORDER BY id'))
            .rows as { id: string; version: number }[],
      );
      const records = store.records(baseSpec);
      expect(
        (await records.update('lead', ids[1]!.id, { ownerId: 'u2' }, ids[1]!.version)).ok,
      ).toBe(true);
      expect((await records.update('lead', ids[2]!.id, { teamId: null }, ids[2]!.version)).ok).toBe(
        true,
      );
      expect((await records.restore('lead', gone)).ok).toBe(true);
      expect((await records.softDelete('lead', ids[3]!.id)).ok).toBe(true);
      expect(await rows(KEPT)).toEqual(await rows(BRUTE));
      for (const owner of ['u1', 'u2'])
        expect(await repFunnel(store, owner)).toEqual(await rows(bruteRep(owner)));
      await store.close();
    },
    // ~6 s alone; the whole suite's run is 4–6× slower (two lanes on two cores).
    60_000,
  );
});
