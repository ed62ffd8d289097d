import { describe, expect } from 'vitest';
import { openStore, type Store } from '../src/index';
import { baseSpec } from './fixtures';
import { itOnPostgres } from './on-databases';
import { pgStampsFrom, writeSteppedLeads } from './stepped-leads';

const H = 3_600_000;
const DAY = 24 * H;
const T0 = Date.UTC(2026, 0, 9, 5);

/** report_entries recomputed from the transitions, as `day|stage|prev_day|shard|entries`. */
const BRUTE = `SELECT entity || '|' || (at / 86400000) || '|' || to_stage || '|' || COALESCE(prev_entry_at / 86400000, -1) || '|' || (hashtext(record_id) & 15) || '|' || count(*) AS k
  FROM stage_transitions GROUP BY entity, at / 86400000, to_stage, COALESCE(prev_entry_at / 86400000, -1), hashtext(record_id) & 15`;
const KEPT = `SELECT entity || '|' || day || '|' || stage || '|' || prev_day || '|' || shard || '|' || entries AS k
  FROM report_entries WHERE entries <> 0`;

/** Ranges starting at midnight UTC, past it, and open at one end. */
const RANGES: { from?: number; to?: number }[] = [
  { from: T0 - 5 * H, to: T0 + 3 * DAY - 5 * H },
  { from: T0 + DAY - 5 * H, to: T0 + 4 * DAY },
  { from: T0 + 2 * DAY + 7 * H },
  { from: T0 + 3 * DAY + 2 * H, to: T0 + 6 * DAY + 9 * H },
  { to: T0 + 2 * DAY },
];

/** The period funnel of every record over RANGES, as `range|stage|records`. */
async function funnels(store: Store): Promise<string[]> {
  const out: string[] = [];
  for (const [i, at] of RANGES.entries()) {
    const r = await store.reports(baseSpec).entries('lead', { at });
    if (!r.ok) throw new Error('entries failed');
    out.push(...r.value.map((x) => `${i}|${x.stage}|${x.records}`));
  }
  return out.sort();
}

/** The same by brute force: distinct live records with a transition into the stage in the range. */
const bruteFunnels = (i: number, at: { from?: number; to?: number }) =>
  `SELECT '${i}|' || t.to_stage || '|' || count(DISTINCT t.record_id) AS k
   FROM stage_transitions t JOIN e_lead r ON r.id = t.record_id
   WHERE r.deleted_at IS NULL AND t.at >= ${at.from ?? -1e15} AND t.at < ${at.to ?? 1e15} GROUP BY t.to_stage`;

describe('migration 0016 (stage entries per day, PostgreSQL) on a populated database', () => {
  itOnPostgres(
    'fills report_entries from the transitions, keeps it on every change, and the funnel is unchanged',
    async (url, sql) => {
      const rows = async (q: string) =>
        sql(async (c) => (await c.query(q)).rows.map((r: { k: string }) => r.k).sort());
      const brute = async () =>
        (await Promise.all(RANGES.map((at, i) => rows(bruteFunnels(i, at))))).flat().sort();
      let store = await openStore({ url, locale: 'en' });
      await store.migrations.syncEntityTables(baseSpec);
      await writeSteppedLeads(store, T0, 0, 24);
      await store.close();
      // Back to before 0016: no table, no trigger, the migration forgotten.
      await sql(async (c) => {
        await c.query('DROP FUNCTION IF EXISTS report_entry_change() CASCADE');
        await c.query('DROP TABLE report_entries');
        await c.query(
          `DELETE FROM drizzle.__drizzle_migrations WHERE created_at IN (${pgStampsFrom(16)})`,
        );
      });
      store = await openStore({ url, locale: 'en' });
      const want = await rows(BRUTE);
      expect(want.length).toBeGreaterThan(30);
      // Re-entries: rows whose previous entry has a day of its own.
      expect(want.some((k) => !k.includes('|-1|'))).toBe(true);
      expect(await rows(KEPT)).toEqual(want);
      expect(await funnels(store)).toEqual(await brute());
      // Later writes, one by one and in a batch, and a soft-deleted record.
      await writeSteppedLeads(store, T0, 24, 12);
      const gone = await sql(
        async (c) =>
          (await c.query('SELECT id FROM e_lead ORDER BY id LIMIT 1')).rows[0].id as string,
      );
      const del = await store.records(baseSpec).softDelete('lead', gone);
      expect(del.ok).toBe(true);
      expect(await rows(KEPT)).toEqual(await rows(BRUTE));
      expect(await funnels(store)).toEqual(await brute());
      // Raw changes no store call makes: deletes, a moved time, a cleared previous entry.
      await sql(async (c) => {
        await c.query(
          'DELETE FROM stage_transitions WHERE id IN (SELECT id FROM stage_transitions ORDER BY id LIMIT 3)',
        );
        await c.query(
          `UPDATE stage_transitions SET at = at + ${2 * DAY} WHERE id IN (SELECT id FROM stage_transitions ORDER BY id DESC LIMIT 2)`,
        );
        await c.query(
          'UPDATE stage_transitions SET prev_entry_at = NULL WHERE id IN (SELECT id FROM stage_transitions WHERE prev_entry_at IS NOT NULL ORDER BY id LIMIT 1)',
        );
      });
      expect(await rows(KEPT)).toEqual(await rows(BRUTE));
      await store.close();
    },
  );
});
