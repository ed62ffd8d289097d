import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createTestDatabase, dropTestDatabase } from '@trellis/tooling/pg';
import { createPool } from '../src/postgres/pool';

/** The lock timeout a connection of a pool for `url` has, and the pool closed. */
async function lockTimeoutOf(url: string, opts: Parameters<typeof createPool>[2]) {
  const pool = createPool(url, 1, opts);
  try {
    return (await pool.query<{ t: string }>("SELECT current_setting('lock_timeout') AS t")).rows[0]!
      .t;
  } finally {
    await pool.end();
  }
}

/** `url` with options added to its query string (as an operator writes them). */
const withOptions = (url: string, options: string) => {
  const u = new URL(url);
  u.searchParams.set('options', options);
  return u.toString();
};

// The store's connections run without JIT compilation (pool.ts, docs/reports.md).
describe.runIf(process.env.TRELLIS_TEST_PG_URL)('postgres: the store pool', () => {
  it('turns JIT compilation off on its connections', async () => {
    const pool = createPool(process.env.TRELLIS_TEST_PG_URL!, 1);
    try {
      const { rows } = await pool.query<{ jit: string }>('SHOW jit');
      expect(rows[0]!.jit).toBe('off');
    } finally {
      await pool.end();
    }
  });

  it("keeps JIT off beside the URL's own options, and an operator's own jit setting wins", async () => {
    const settingsOf = async (url: string) => {
      const pool = createPool(url, 1);
      try {
        const sql =
          "SELECT current_setting('jit') AS jit, current_setting('statement_timeout') AS t";
        return (await pool.query<{ jit: string; t: string }>(sql)).rows[0];
      } finally {
        await pool.end();
      }
    };
    const server = process.env.TRELLIS_TEST_PG_URL!;
    expect(await settingsOf(withOptions(server, '-c statement_timeout=4321'))).toEqual({
      jit: 'off',
      t: '4321ms',
    });
    expect(await settingsOf(withOptions(server, '-c jit=on'))).toEqual({ jit: 'on', t: '0' });
  });

  it('gives its connections the lock timeout it is told when nothing else set one', async () => {
    const url = process.env.TRELLIS_TEST_PG_URL!;
    expect(await lockTimeoutOf(url, {})).toBe('0');
    expect(await lockTimeoutOf(url, { lockTimeoutMs: 5000 })).toBe('5s');
    // Before the first statement of a pipelining connection too.
    expect(await lockTimeoutOf(url, { lockTimeoutMs: 250, pipeline: true })).toBe('250ms');
  });

  it("leaves an operator's lock timeout alone: in the URL, on the database, on the role", async () => {
    const server = process.env.TRELLIS_TEST_PG_URL!;
    const inUrl = withOptions(server, '-c lock_timeout=1234');
    expect(await lockTimeoutOf(inUrl, { lockTimeoutMs: 5000 })).toBe('1234ms');

    const db = (await createTestDatabase('lockdb'))!;
    const role = `lock_role_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: server });
    await admin.connect();
    try {
      const name = decodeURIComponent(new URL(db).pathname.slice(1));
      await admin.query(`ALTER DATABASE "${name}" SET lock_timeout = '7s'`);
      expect(await lockTimeoutOf(db, { lockTimeoutMs: 5000 })).toBe('7s');
      await admin.query(`CREATE ROLE ${role} LOGIN`);
      await admin.query(`ALTER ROLE ${role} SET lock_timeout = '8s'`);
      const asRole = new URL(server);
      asRole.username = role;
      expect(await lockTimeoutOf(asRole.toString(), { lockTimeoutMs: 5000 })).toBe('8s');
      // The same server and role without their settings: the default.
      await admin.query(`ALTER ROLE ${role} RESET lock_timeout`);
      expect(await lockTimeoutOf(asRole.toString(), { lockTimeoutMs: 5000 })).toBe('5s');
    } finally {
      await admin.query(`DROP ROLE IF EXISTS ${role}`);
      await admin.end();
      await dropTestDatabase(db);
    }
  });
});
