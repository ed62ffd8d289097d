import pg from 'pg';
import { createTestDatabase } from '@trellis/tooling/pg';
import { openStore } from '../src/index';

let template: Promise<string | null> | null = null;
const free: string[] = [];

/**
 * A statement of a test that runs this long fails instead of running into its test's timeout:
 * step-list-walk's seed ran past 120 s in CI at 867f8b8 and said nothing of why. The watcher of
 * long tests (@trellis/tooling pg-watch-setup.mjs) has printed what it waited on by then, and
 * itOnPostgres adds that to the error. Seeds take 1–7 s here at load 7–9.
 */
const TEST_STATEMENT_TIMEOUT = '60s';

/**
 * Creates a database with the system tables in place: a copy of a template migrated once.
 * Autovacuum leaves the copies' system tables alone: a test database is reused (releaseDatabase
 * empties it), and an ANALYZE of an emptied table (which autovacuum runs between tests, as the
 * previous test's writes count as changes) told the planner it holds no rows. The report
 * triggers' statements, planned for empty tables, then read them whole for every row written:
 * step-list-walk's 6,000-lead seed went from 1.2 to 15–58 s at load 7 after one. A table never
 * analyzed is planned from its size, as a new database's is.
 */
async function createMigrated(): Promise<string | null> {
  template ??= (async () => {
    const url = await createTestDatabase('tpl');
    if (!url) return null;
    const store = await openStore({ url });
    await store.close();
    await withPgClient(url)(autovacuumOff);
    return url;
  })();
  const tpl = await template;
  if (!tpl) return null;
  const url = await createTestDatabase('store', { template: tpl });
  if (!url) return null;
  await withPgClient(url)((c) =>
    c.query(
      `ALTER DATABASE ${quoteIdent(decodeURIComponent(new URL(url).pathname.slice(1)))} SET statement_timeout = '${TEST_STATEMENT_TIMEOUT}'`,
    ),
  );
  return url;
}

/**
 * Turns autovacuum off on every table that has it on: all of a new template's, and in a released
 * database those an upgrade test dropped and made again (report-months-upgrade rebuilds
 * report_cohort_months), which came back without the option and, with the files sharing one
 * pool of databases, reached a later file that way.
 */
async function autovacuumOff(c: pg.Client): Promise<void> {
  const { rows } = await c.query<{ name: string }>(
    `SELECT quote_ident(c.relname) AS name FROM pg_class c
     JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind = 'r'
       AND NOT coalesce(c.reloptions, '{}') @> ARRAY['autovacuum_enabled=false']`,
  );
  for (const { name } of rows)
    await c.query(`ALTER TABLE ${name} SET (autovacuum_enabled = false)`);
}

const quoteIdent = (n: string) => `"${n.replaceAll('"', '""')}"`;

/**
 * A PostgreSQL database with the system tables in place and no data, or null when no test
 * server runs. Databases are reused (`releaseDatabase` empties them): creating one costs ~1 s
 * on a busy machine, emptying one ~50 ms.
 */
export async function migratedDatabase(): Promise<string | null> {
  return free.pop() ?? createMigrated();
}

/** How long a release waits for a lock a test's session still holds before it fails. */
const RELEASE_LOCK_TIMEOUT = '20s';

/**
 * Empties a database from `migratedDatabase` for the next test: entity, search and archived
 * tables dropped, system tables truncated (identity sequences restarted). Every store on it must
 * be closed.
 *
 * TRUNCATE, not DELETE: a DELETE ran the report triggers once per deleted transition (4–45 s
 * after step-list-walk's seed at load 7–9) and left the table's pages behind, empty; once
 * autovacuum had analyzed them (0 rows in 200 pages: a density of zero), the next test's report
 * triggers were planned for empty tables however many rows they held, and its 6,000-lead seed
 * crawled (1.2 → 58 s; the CI timeout at 867f8b8). A truncated table is as a new one to the
 * planner (no pages, row count unknown). The lock timeout makes a session a test left open fail
 * the release by name instead of hanging it.
 */
export async function releaseDatabase(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`SET lock_timeout = '${RELEASE_LOCK_TIMEOUT}'`);
    const { rows } = await client.query<{ name: string }>(
      "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'",
    );
    const entity = rows.filter((r) => r.name.startsWith('e_')).map((r) => quoteIdent(r.name));
    const system = rows.filter((r) => !r.name.startsWith('e_')).map((r) => quoteIdent(r.name));
    try {
      if (entity.length) await client.query(`DROP TABLE ${entity.join(', ')} CASCADE`);
      if (system.length) await client.query(`TRUNCATE ${system.join(', ')} RESTART IDENTITY`);
      await autovacuumOff(client);
    } catch (e) {
      throw new Error(
        `emptying ${url} for the next test failed (a store left open?): ${(e as Error).message}\n${await holders(client)}`,
      );
    }
  } finally {
    await client.end();
  }
  free.push(url);
}

/** The sessions still on this database, to name what a failed release waited for. */
async function holders(client: pg.Client): Promise<string> {
  const { rows } = await client.query<{ line: string }>(
    `SELECT format('pid %s %s since %s: %s', pid, state, xact_start, left(query, 200)) AS line
     FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
  );
  return rows.map((r) => r.line).join('\n') || 'no other session in the database';
}

/** Runs `f` on a connection of its own to the database at `url` (closed after). */
export const withPgClient =
  (url: string) =>
  async <T>(f: (c: pg.Client) => Promise<T>): Promise<T> => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      return await f(c);
    } finally {
      await c.end();
    }
  };
