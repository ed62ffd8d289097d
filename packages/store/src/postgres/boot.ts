import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { migrationsFolder } from '../db/migrations-folder';
import { afterMigrations, lastApplied } from './after-migrations';
import { CREATE_HITS_TABLE } from './hits';
import { ADD_NOTIFICATION_ORDER } from './notification-order';
import { ADD_COMMIT_ORDER } from './outbox-order';
import type { PgPool } from './pool';
import { pgExec } from './exec';
import { ensurePgTransitionTriggers } from './report-triggers';

/** One advisory lock key for schema changes, so processes starting together migrate one at a time. */
const SCHEMA_LOCK = 7_311_001;

/**
 * Prepares a database for Trellis: pg_trgm (the search index) and the checked-in system
 * migrations (drizzle-pg/) with the vacuum or analyze a big one needs after it (after-migrations.ts) and the
 * rate-limit table (hits.ts) and the transitions' report triggers (report-triggers.ts), under an advisory lock so several processes can start at once.
 */
export async function bootDatabase(pool: PgPool, folder?: string): Promise<void> {
  const client = await pool.connect();
  try {
    // The migrations wait for their locks (locks.ts WAIT_FOR_LOCKS; several run their own
    // transactions here, so for the session), then the connection gets its own timeout back.
    const { rows } = await client.query<{ t: string }>(
      "SELECT current_setting('lock_timeout') AS t",
    );
    await client.query('SET lock_timeout = 0');
    await client.query('SELECT pg_advisory_lock($1)', [SCHEMA_LOCK]);
    try {
      await client.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
      const dir = folder ?? migrationsFolder('drizzle-pg');
      const before = await lastApplied(client);
      await migrate(drizzle(client), { migrationsFolder: dir });
      // Outside the migrator's transaction (VACUUM refuses to run in one).
      await afterMigrations(client, dir, before);
      // The transitions' report triggers as this build keeps them (0016 and 0018 make older ones).
      await client.query('BEGIN');
      try {
        await ensurePgTransitionTriggers(
          pgExec(() => client),
          { onlyOld: true },
        );
        await client.query('COMMIT');
      } catch (e) {
        await client.query('ROLLBACK');
        throw e;
      }
      await client.query(CREATE_HITS_TABLE);
      for (const sql of [...ADD_COMMIT_ORDER, ...ADD_NOTIFICATION_ORDER]) await client.query(sql);
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [SCHEMA_LOCK]);
    }
    await client.query("SELECT set_config('lock_timeout', $1, false)", [rows[0]!.t]);
  } catch (error) {
    // Not given back with no lock timeout: closed instead.
    client.release(true);
    throw error;
  }
  client.release();
}
