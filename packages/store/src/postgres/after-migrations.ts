import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PoolClient } from 'pg';

/**
 * Maintenance a migration's big rewrite needs and cannot do itself: VACUUM cannot run inside
 * the migrator's transaction. 0011 sets prev_entry_at on every re-entry, which leaves most pages
 * of stage_transitions not all-visible, so the period funnel's index-only scans read the table
 * until a vacuum (the first one after the upgrade took 16 s at 1,000,000 leads); 0012 fills
 * report_dwell, whose statistics the planner otherwise lacks until autovacuum comes by; 0014
 * fills report_first_owner and report_first_touch (one row per record) likewise, 0016
 * report_entries, 0018 report_owner_entries.
 */
const AFTER: Readonly<Record<string, readonly string[]>> = {
  '0011_stage_entries': ['VACUUM (ANALYZE) stage_transitions'],
  '0012_dwell_buckets': ['ANALYZE report_dwell'],
  '0014_report_firsts': ['ANALYZE report_first_owner', 'ANALYZE report_first_touch'],
  '0016_report_entries': ['ANALYZE report_entries'],
  '0018_report_owner_entries': ['ANALYZE report_owner_entries'],
};

/** When the newest applied migration was made (drizzle's `created_at`), or null for a new database. */
export async function lastApplied(client: PoolClient): Promise<number | null> {
  const { rows } = await client.query<{ t: string | null }>(
    "SELECT to_regclass('drizzle.__drizzle_migrations')::text AS t",
  );
  if (rows[0]?.t == null) return null;
  const last = await client.query<{ at: string | null }>(
    'SELECT max(created_at)::text AS at FROM drizzle.__drizzle_migrations',
  );
  return last.rows[0]?.at == null ? null : Number(last.rows[0].at);
}

/**
 * Runs, after the migrator committed, the maintenance of the migrations applied just now (those
 * made after `before`; all of them on a new database, where it costs nothing).
 */
export async function afterMigrations(
  client: PoolClient,
  folder: string,
  before: number | null,
): Promise<string[]> {
  const journal = JSON.parse(readFileSync(join(folder, 'meta', '_journal.json'), 'utf8')) as {
    entries: { tag: string; when: number }[];
  };
  const ran: string[] = [];
  for (const e of journal.entries)
    if (before === null || e.when > before)
      for (const sql of AFTER[e.tag] ?? []) {
        await client.query(sql);
        ran.push(sql);
      }
  return ran;
}
