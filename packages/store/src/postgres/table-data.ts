import type { TableData } from '../api/table-data';
import { quoteIdent } from '../entity/entity-table';
import { pgExec, type Queryable } from './exec';

/** Tables that hold data in the public schema (drizzle keeps its journal in its own schema). */
async function dataTables(on: Queryable): Promise<string[]> {
  const rows = await pgExec(() => on).all<{ name: string }>(
    "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name COLLATE \"C\"",
  );
  return rows.map((r) => r.name);
}

/** Primary key columns of a table, for a stable row order. */
async function keyColumns(on: Queryable, table: string): Promise<string[]> {
  const rows = await pgExec(() => on).all<{ name: string }>(
    `SELECT a.attname AS name FROM pg_index i
       JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
     WHERE i.indrelid = to_regclass(?) AND i.indisprimary ORDER BY array_position(i.indkey, a.attnum)`,
    [quoteIdent(table)],
  );
  return rows.map((r) => r.name);
}

/** Raw table rows of the PostgreSQL adapter (names checked against the catalog: no injection). */
export function pgTableData(on: () => Queryable): TableData {
  const known = async (table: string): Promise<string> => {
    if (!(await dataTables(on())).includes(table)) throw new Error(`no table ${table}`);
    return quoteIdent(table);
  };
  const x = pgExec(on);
  return {
    names: () => dataTables(on()),
    async count(table) {
      const r = await x.get<{ n: number }>(`SELECT count(*) AS n FROM ${await known(table)}`);
      return r?.n ?? 0;
    },
    async rows(table, q = {}) {
      const t = await known(table);
      const keys = await keyColumns(on(), table);
      const order = keys.length ? ` ORDER BY ${keys.map(quoteIdent).join(', ')}` : '';
      return x.all(`SELECT * FROM ${t}${order} LIMIT ? OFFSET ?`, [q.limit ?? null, q.offset ?? 0]);
    },
  };
}
