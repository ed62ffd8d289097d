import { describe, expect, it } from 'vitest';
import { openStore } from '../src/index';
import { baseSpec } from './fixtures';
import { migratedDatabase, releaseDatabase, withPgClient } from './pg-databases';

/** Each system table's planner statistics and whether autovacuum may analyze it. */
const tableStats = (url: string) =>
  withPgClient(url)(
    async (c) =>
      (
        await c.query<{ name: string; pages: number; tuples: number; options: string[] | null }>(
          `SELECT c.relname AS name, c.relpages AS pages, c.reltuples AS tuples, c.reloptions AS options
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = 'public' AND c.relkind = 'r' ORDER BY 1`,
        )
      ).rows,
  );

// The reused test databases of pg-databases.ts: a database a test released must be planned as a
// new one, or the next test's seed crawls through the report triggers (pg-databases.ts says why).
describe.runIf(process.env.TRELLIS_TEST_PG_URL)('postgres: the reused test databases', () => {
  it('come back from a seeded, analyzed test with no rows, no pages and no statistics, and autovacuum off', async () => {
    const url = (await migratedDatabase())!;
    const store = await openStore({ url, locale: 'en' });
    await store.migrations.syncEntityTables(baseSpec);
    await withPgClient(url)(async (c) => {
      await c.query(`INSERT INTO e_lead (id, created_at, updated_at, version, name)
        SELECT 'r' || i, i * 86400000::bigint, 0, 1, 'R' || i FROM generate_series(1, 300) i`);
      await c.query(`INSERT INTO stage_transitions (id, entity, record_id, to_stage, via, at)
        SELECT 'r' || i || '-t', 'lead', 'r' || i, 'trial', 'test', i * 86400000::bigint + 1
        FROM generate_series(1, 300) i`);
      await c.query('ANALYZE');
    });
    await store.close();
    const seeded = await tableStats(url);
    // The seed reached the report tables through their triggers, and ANALYZE counted it.
    expect(seeded.find((t) => t.name === 'report_rows')).toMatchObject({ tuples: 300 });
    expect(seeded.find((t) => t.name === 'stage_transitions')!.pages).toBeGreaterThan(0);
    await releaseDatabase(url);
    const again = await migratedDatabase();
    expect(again).toBe(url);
    const released = await tableStats(url);
    expect(released.map((t) => t.name)).not.toContain('e_lead');
    expect(released.length).toBeGreaterThan(20);
    for (const t of released) {
      expect({ name: t.name, pages: t.pages, tuples: t.tuples }).toEqual({
        name: t.name,
        pages: 0,
        tuples: -1,
      });
      expect(t.options, t.name).toContain('autovacuum_enabled=false');
    }
    const timeout = await withPgClient(url)(
      async (c) => (await c.query('SHOW statement_timeout')).rows[0],
    );
    expect(timeout).toEqual({ statement_timeout: '1min' }); // TEST_STATEMENT_TIMEOUT as PostgreSQL shows it
    await releaseDatabase(url);
  });
});
