import type pg from 'pg';
import type { Row, SqlExec } from '../sql/exec';
import { numbered } from './placeholders';

/** Something that runs a query: the pool (a fresh connection each time) or one client. */
export type Queryable = Pick<pg.Pool, 'query'> | Pick<pg.PoolClient, 'query'>;

// Parameters as node-postgres binds them: undefined means NULL; booleans stay booleans.
function bind(params: readonly unknown[] | undefined): unknown[] {
  if (!params) return [];
  return params.map((p) => (p === undefined ? null : p));
}

/** Runs portable SQL (`?` placeholders) on PostgreSQL. */
async function query<R = Row>(
  on: Queryable,
  sql: string,
  params?: readonly unknown[],
): Promise<pg.QueryResult<R & pg.QueryResultRow>> {
  return (on as pg.Pool).query<R & pg.QueryResultRow>(numbered(sql), bind(params));
}

/** The shared repositories' executor over a pool or a transaction's client. */
export function pgExec(on: () => Queryable): SqlExec {
  return {
    all: async <R>(sql: string, params?: readonly unknown[]) =>
      (await query<R>(on(), sql, params)).rows as R[],
    get: async <R>(sql: string, params?: readonly unknown[]) =>
      (await query<R>(on(), sql, params)).rows[0] as R | undefined,
    run: async (sql, params) => ({ changes: (await query(on(), sql, params)).rowCount ?? 0 }),
  };
}
