import pg from 'pg';
import { createTestDatabase } from '@trellis/tooling/pg';
import { openStore } from '../src/index';

let template: Promise<string | null> | null = null;
const free: string[] = [];

/** Creates a database with the system tables in place: a copy of a template migrated once. */
async function createMigrated(): Promise<string | null> {
  template ??= (async () => {
    const url = await createTestDatabase('tpl');
    if (!url) return null;
    const store = await openStore({ url });
    await store.close();
    return url;
  })();
  const tpl = await template;
  return tpl ? createTestDatabase('store', { template: tpl }) : null;
}

/**
 * A PostgreSQL database with the system tables in place and no data, or null when no test
 * server runs. Databases are reused (`releaseDatabase` empties them): creating one costs ~1 s
 * on a busy machine, emptying one ~50 ms.
 */
export async function migratedDatabase(): Promise<string | null> {
  return free.pop() ?? createMigrated();
}

/**
 * Empties a database from `migratedDatabase` for the next test: entity, search and archived
 * tables dropped, system tables emptied (sequences restarted). Every store on it must be closed.
 */
export async function releaseDatabase(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>(
      "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'",
    );
    const quoted = (n: string) => `"${n.replaceAll('"', '""')}"`;
    const entity = rows.filter((r) => r.name.startsWith('e_')).map((r) => quoted(r.name));
    const system = rows.filter((r) => !r.name.startsWith('e_')).map((r) => quoted(r.name));
    if (entity.length) await client.query(`DROP TABLE ${entity.join(', ')} CASCADE`);
    // DELETE, not TRUNCATE: a test leaves a few rows, and TRUNCATE swaps every table's files.
    if (system.length)
      await client.query(
        `${system.map((t) => `DELETE FROM ${t};`).join(' ')} ALTER SEQUENCE outbox_seq_seq RESTART; ALTER SEQUENCE field_archive_id_seq RESTART;`,
      );
  } finally {
    await client.end();
  }
  free.push(url);
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
