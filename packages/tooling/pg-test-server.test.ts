import { existsSync } from 'node:fs';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { hasPostgres, startPgServer } from './pg-test-server.mjs';

describe.runIf(hasPostgres() || process.env.CI)('startPgServer', () => {
  it('serves on loopback with pg_trgm and an ICU default collation, and leaves nothing behind', async () => {
    const server = await startPgServer();
    try {
      expect(server.url).toMatch(/^postgres:\/\/postgres@127\.0\.0\.1:\d+\/postgres$/);
      const url = await server.createDatabase();
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query('CREATE EXTENSION pg_trgm');
        const r = await client.query<{ icu: boolean; c: boolean; fsync: string }>(
          `SELECT 'a' < 'B' AS icu, 'a' < 'B' COLLATE "C" AS c, current_setting('fsync') AS fsync`,
        );
        // The default collation is linguistic (a before B); byte order needs COLLATE "C".
        expect(r.rows[0]).toEqual({ icu: true, c: false, fsync: 'off' });
      } finally {
        await client.end();
      }
    } finally {
      server.stop();
    }
    expect(existsSync(server.dataDir)).toBe(false);
    const probe = new pg.Client({ connectionString: server.url, connectionTimeoutMillis: 2000 });
    await expect(probe.connect()).rejects.toThrow();
  });
});
