import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'vitest';
import { lastPgActivity } from '@trellis/tooling/pg-activity';
import { migratedDatabase, releaseDatabase, withPgClient } from './pg-databases';

/** Runs `f` on a plain connection to the SQLite file (closed after). */
export type SqliteRun = <T>(f: (db: Database.Database) => T) => T;
export type PgRun = ReturnType<typeof withPgClient>;

/**
 * A test on a SQLite store file of its own, in a temporary folder removed after it. `sql` reaches
 * the file past the store, as an upgrade test must; its connections register the bulk switch the
 * store's connections do, since the report triggers call it.
 */
export function itOnSqliteFile(
  name: string,
  body: (url: string, sql: SqliteRun) => Promise<void>,
): void {
  it(name, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'trellis-upgrade-'));
    const url = join(dir, 'trellis.db');
    const sql: SqliteRun = (f) => {
      const db = new Database(url);
      db.function('trellis_bulk', () => 0);
      try {
        return f(db);
      } finally {
        db.close();
      }
    };
    try {
      await body(url, sql);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

/**
 * A test on a migrated PostgreSQL database of its own, emptied for the next test after it; run
 * only when a test server runs (`pnpm test` starts one; CI fails without it). A statement that
 * runs past the test databases' statement timeout fails the test with the server's busy
 * sessions as the watcher of long tests last saw them (what the statement waited on).
 */
export function itOnPostgres(
  name: string,
  body: (url: string, sql: PgRun) => Promise<void>,
  timeout?: number,
): void {
  it.runIf(process.env.TRELLIS_TEST_PG_URL)(name, { timeout }, async () => {
    const url = await migratedDatabase();
    if (!url) throw new Error('no PostgreSQL test server');
    try {
      await body(url, withPgClient(url));
    } catch (e) {
      const seen = lastPgActivity();
      const timedOut = (x: unknown): boolean =>
        x instanceof Error && (/(statement|lock) timeout/.test(x.message) || timedOut(x.cause));
      if (seen && e instanceof Error && timedOut(e)) e.message += `\n${seen}`;
      throw e;
    } finally {
      await releaseDatabase(url);
    }
  });
}
