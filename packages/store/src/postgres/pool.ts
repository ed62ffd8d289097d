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

/** Counts the statements every client of `pool` sends (each a round trip; see Maintenance). */
export function countStatements(pool: pg.Pool): () => number {
  let n = 0;
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    client.query = ((...args: unknown[]) => {
      n++;
      return query(...args);
    }) as typeof client.query;
  });
  return () => n;
}

/** A connection pool for a `postgres://` URL. */
export function createPool(url: string, max: number): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    types: types as pg.CustomTypesConfig,
    // A statement that waits longer than this on a lock is cut short with an error instead of hanging a request.
    application_name: 'trellis',
  });
  // An idle client that loses its connection emits here; without a listener it would crash the process.
  pool.on('error', () => undefined);
  return pool;
}
