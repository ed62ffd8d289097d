import pg from 'pg';
import type { StoreLock } from '../api/maintenance';

/**
 * The statement a migration's transaction starts with: it waits for its locks however long
 * they are held, whatever lock timeout the store's connections have (OpenStoreOptions
 * .lockTimeoutMs). Another process's migration holds the same advisory lock for as long as it
 * runs (a rebuild of report groups at 1,000,000 records takes minutes), and failing a start or a
 * publish after a few seconds would only make the operator run it again behind the same lock.
 */
export const WAIT_FOR_LOCKS = 'SET LOCAL lock_timeout = 0';

/**
 * A session advisory lock on a connection of its own (not the pool's: a pooled connection goes
 * back to the pool and the lock with it). PostgreSQL frees the lock when that connection ends,
 * so a killed process gives up its leadership as soon as the server sees the socket close.
 */
export async function pgTryLock(url: string, name: string): Promise<StoreLock | null> {
  const client = new pg.Client({
    connectionString: url,
    application_name: 'trellis-lock',
    keepAlive: true,
  });
  let held = false;
  // A broken connection means a lost lock; without a listener the error would end the process.
  client.on('error', () => (held = false));
  client.on('end', () => (held = false));
  await client.connect();
  try {
    const r = await client.query<{ ok: boolean }>(
      'SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS ok',
      [`trellis:${name}`],
    );
    held = r.rows[0]?.ok === true;
  } catch (error) {
    await client.end().catch(() => undefined);
    throw error;
  }
  if (!held) {
    await client.end().catch(() => undefined);
    return null;
  }
  return {
    held: () => held,
    async release() {
      held = false;
      await client.end().catch(() => undefined);
    },
  };
}
