import type { PgClient, PgPool } from './pool';

/** PostgreSQL error codes after which the whole transaction may simply run again. */
const RETRYABLE = new Set(['40001', '40P01']); // serialization_failure, deadlock_detected
const MAX_ATTEMPTS = 5;

const codeOf = (e: unknown) => (e as { code?: string } | null)?.code;

/**
 * Runs `fn` in a transaction on a connection of its own: COMMIT when it resolves, ROLLBACK
 * when it throws. A deadlock or serialization failure runs it again (the store interface
 * allows a body to run more than once). Resolves after the commit.
 */
export async function inTransaction<T>(
  pool: PgPool,
  fn: (client: PgClient) => Promise<T>,
  hooks: { afterCommit?: () => void; beforeCommit?: (client: PgClient) => Promise<void> } = {},
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const client = await pool.connect();
    let broken = false;
    try {
      await client.query('BEGIN');
      const value = await fn(client);
      await hooks.beforeCommit?.(client);
      await client.query('COMMIT');
      hooks.afterCommit?.();
      return value;
    } catch (error) {
      try {
        await client.query('ROLLBACK');
      } catch {
        broken = true; // the connection is gone: do not give it back to the pool
      }
      if (RETRYABLE.has(codeOf(error) ?? '') && attempt < MAX_ATTEMPTS) {
        await new Promise((r) => setTimeout(r, attempt * 5 + Math.random() * 10));
        continue;
      }
      throw error;
    } finally {
      client.release(broken);
    }
  }
}

/**
 * A nested unit inside the open transaction of `client`: a savepoint, released when `fn`
 * resolves, rolled back to (and released) when it throws, so only this unit's writes are undone.
 */
export function savepoints(client: PgClient) {
  let seq = 0;
  return async <T>(fn: () => Promise<T>): Promise<T> => {
    const name = `u${++seq}`;
    await client.query(`SAVEPOINT ${name}`);
    try {
      const value = await fn();
      await client.query(`RELEASE SAVEPOINT ${name}`);
      return value;
    } catch (error) {
      await client.query(`ROLLBACK TO SAVEPOINT ${name}`);
      await client.query(`RELEASE SAVEPOINT ${name}`);
      throw error;
    }
  };
}
