import pg from 'pg';

/** Type OIDs read differently from node-postgres' defaults. */
const INT8 = 20;
const NUMERIC = 1700;

/**
 * Times are epoch ms and counts fit in a double: bigint and numeric (`count(*)`, sums) come
 * back as JS numbers instead of text. A per-pool type table: nothing changes process-wide.
 */
const types = {
  getTypeParser(oid: number, format?: string) {
    if (oid === INT8 || oid === NUMERIC) return (v: string) => (v === null ? null : Number(v));
    return pg.types.getTypeParser(oid, format as 'text');
  },
};

export type PgPool = pg.Pool;
export type PgClient = pg.PoolClient;

/**
 * Counts the round trips every client of `pool` waits for (see Maintenance.statements): a
 * statement sent while another of the same connection is still in flight (pipelined) rides
 * along and costs no wait of its own.
 */
export function countStatements(pool: pg.Pool): () => number {
  let n = 0;
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    let inFlight = 0;
    const done = () => void inFlight--;
    client.query = ((...args: unknown[]) => {
      if (inFlight++ === 0) n++;
      // The pool's own calls pass a callback; everyone else gets a promise.
      const last = args.length - 1;
      const cb = args[last];
      if (typeof cb === 'function')
        args[last] = (...r: unknown[]) => {
          done();
          return (cb as (...a: unknown[]) => unknown)(...r);
        };
      const result = query(...args);
      if (typeof cb !== 'function') (result as Promise<unknown>).then(done, done);
      return result;
    }) as typeof client.query;
  });
  return () => n;
}

// No JIT compilation: PostgreSQL compiles a query whose estimated cost passes jit_above_cost
// (a report over 250,000 leads with a subquery per row estimates millions), and compiling data
// health's aggregate at 1,000,000 leads took longer than running it (docs/reports.md).
const JIT_OFF = '-c jit=off';

/**
 * The URL and the connections' `options` with JIT off. node-postgres takes a URL's own
 * `?options=` over the config's, which dropped `jit=off` when an operator set, say, a statement
 * timeout there; so the URL's options go after ours (a later `-c` wins: an operator's own `jit`
 * stays theirs). A connection string that is not a URL (libpq's `key=value`) is left as it is.
 */
function withJitOff(url: string): { connectionString: string; options: string } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { connectionString: url, options: JIT_OFF };
  }
  const own = parsed.searchParams.get('options');
  if (own === null) return { connectionString: url, options: JIT_OFF };
  parsed.searchParams.delete('options');
  return { connectionString: parsed.toString(), options: `${JIT_OFF} ${own}` };
}

/**
 * A connection pool for a `postgres://` URL. `pipeline`: a connection sends each statement at
 * once instead of waiting for the answer to the one before (node-postgres pipelining; answers
 * still come in order), so a statement whose answer nobody waits for (a savepoint, BEGIN) costs
 * no round trip.
 */
export function createPool(
  url: string,
  max: number,
  opts: { pipeline?: boolean; lockTimeoutMs?: number } = {},
): pg.Pool {
  const pool = new pg.Pool({
    ...withJitOff(url),
    max,
    types: types as pg.CustomTypesConfig,
    application_name: 'trellis',
    ...(opts.pipeline ? { pipeline: true } : {}),
  });
  // An idle client that loses its connection emits here; without a listener it would crash the process.
  pool.on('error', () => undefined);
  const ms = opts.lockTimeoutMs;
  if (ms !== undefined && ms > 0)
    pool.on('connect', (client) => {
      // Queued ahead of whatever the connection is taken for; a failure here fails that too.
      client.query(DEFAULT_LOCK_TIMEOUT, [`${ms}ms`]).catch(() => undefined);
    });
  return pool;
}

/**
 * A connection's lock timeout set to `$1` only when nothing else set one: PostgreSQL reports
 * the source of a setting, and 'default' means neither the URL's options, the role, the
 * database nor the server's configuration did — an operator's own value wins. Session-wide
 * (not LOCAL): it lasts as long as the pooled connection.
 */
const DEFAULT_LOCK_TIMEOUT =
  "SELECT set_config('lock_timeout', $1, false) FROM pg_settings WHERE name = 'lock_timeout' AND source = 'default'";
