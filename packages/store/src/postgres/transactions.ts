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
      // Not waited for: on a pipelining connection it goes out with the body's first statement.
      // If it fails, the connection is gone and so is every statement behind it.
      const begun = client.query('BEGIN');
      begun.catch(() => undefined);
      const value = await fn(client);
      await begun;
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
 * released) when its unit throws, so only that unit's writes are undone. Savepoints are sent
 * lazily: a unit's `SAVEPOINT` goes to the server only right before the first statement run
 * after it started, together with those of the units it sits in and the release of finished
 * ones in one simple query; a unit that ran no statement (an automation whose condition did
 * not match) never reaches the server, and one that fails before any statement has nothing to
 * undo. A unit that succeeds is not released at once: the next flush releases every finished
 * savepoint on top of the stack (releasing one releases those above it), or the transaction's
 * end does. On a pipelining connection (createPool) the flush goes out right in front of that
 * statement without waiting for its answer: a unit costs no round trip of its own, one when it
 * fails. Run every statement of the transaction through `client` below; units of one
 * transaction run one at a time.
 */
export function savepoints(raw: PgClient): {
  nested: <T>(fn: () => Promise<T>) => Promise<T>;
  client: PgClient;
} {
  let seq = 0;
  // Oldest first: units running (sent or not), and sent finished ones not released yet.
  const stack: { name: string; sent: boolean; done: boolean }[] = [];
  /** Releases finished savepoints on top and sends those of units still waiting. */
  const flush = (): Promise<unknown> => {
    let top = stack.length;
    while (top > 0 && stack[top - 1]!.done) top--;
    const parts = top < stack.length ? [`RELEASE SAVEPOINT ${stack[top]!.name}`] : [];
    stack.length = top;
    for (const u of stack)
      if (!u.sent) {
        parts.push(`SAVEPOINT ${u.name}`);
        u.sent = true;
      }
    return raw.query(parts.join('; '));
  };
  const client = new Proxy(raw, {
    get(target, prop, receiver) {
      if (prop !== 'query') return Reflect.get(target, prop, receiver) as unknown;
      return async (...args: unknown[]) => {
        const flushed = stack.some((u) => !u.sent) ? flush() : null;
        const result = (target.query as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        if (flushed)
          try {
            await flushed;
          } catch (error) {
            // The statement behind it fails too (the transaction is aborted): report the cause.
            result.catch(() => undefined);
            throw error;
          }
        return result;
      };
    },
  });
  const nested = async <T>(fn: () => Promise<T>): Promise<T> => {
    const unit = { name: `u${++seq}`, sent: false, done: false };
    stack.push(unit);
    try {
      const value = await fn();
      if (unit.sent) unit.done = true;
      // Never sent: nothing on the server; the units above it were not sent either.
      else stack.length = stack.indexOf(unit);
      return value;
    } catch (error) {
      const at = stack.indexOf(unit);
      // Rolling back destroys the savepoints above it; releasing removes it.
      stack.length = at < 0 ? stack.length : at;
      if (unit.sent)
        await raw.query(`ROLLBACK TO SAVEPOINT ${unit.name}; RELEASE SAVEPOINT ${unit.name}`);
      throw error;
    }
  };
  return { nested, client };
}
