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
 * Nested units inside the open transaction of `client`: each a savepoint, rolled back to (and
 * released) when its unit throws, so only that unit's writes are undone. A unit that succeeds
 * is not released at once (a round trip of its own, a third of an automation's statements):
 * its savepoint stays until the next unit starts, which releases every finished savepoint on top
 * of the stack in the same simple query as its own `SAVEPOINT` (releasing one releases those
 * above it), or until the transaction ends. So the stack on the server stays as deep as the
 * units running, and a unit costs one round trip, two when it fails.
 */
export function savepoints(client: PgClient) {
  let seq = 0;
  // Savepoints on the server, oldest first: units running, and finished ones not released yet.
  const stack: { name: string; done: boolean }[] = [];
  return async <T>(fn: () => Promise<T>): Promise<T> => {
    let top = stack.length;
    while (top > 0 && stack[top - 1]!.done) top--;
    const release = top < stack.length ? `RELEASE SAVEPOINT ${stack[top]!.name}; ` : '';
    stack.length = top;
    const unit = { name: `u${++seq}`, done: false };
    await client.query(`${release}SAVEPOINT ${unit.name}`);
    stack.push(unit);
    try {
      const value = await fn();
      unit.done = true;
      return value;
    } catch (error) {
      // Rolling back destroys the savepoints above it; releasing removes it.
      stack.length = stack.indexOf(unit);
      await client.query(`ROLLBACK TO SAVEPOINT ${unit.name}; RELEASE SAVEPOINT ${unit.name}`);
      throw error;
    }
  };
}
