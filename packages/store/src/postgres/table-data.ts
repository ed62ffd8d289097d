import type { TableData } from '../api/table-data';
import { quoteIdent } from '../entity/entity-table';
import { COMMIT_XID } from './outbox-order';
import { pgExec, type Queryable } from './exec';
import { HITS_TABLE } from './hits';

/**
 * Tables that hold data in the public schema (drizzle keeps its journal in its own schema), in
 * name order except that a table comes after the tables its foreign keys refer to, so rows
 * copied table by table in this order never break a foreign key.
 */
async function dataTables(on: Queryable): Promise<string[]> {
  const x = pgExec(() => on);
  const rows = await x.all<{ name: string }>(
    "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name COLLATE \"C\"",
  );
  const refs = await x.all<{ child: string; parent: string }>(
    `SELECT c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent
       FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
     WHERE c.contype = 'f' AND n.nspname = 'public'`,
  );
  // Rate-limit windows are the running servers' own, not workspace data.
  const names = rows.map((r) => r.name).filter((n) => n !== HITS_TABLE);
  const out: string[] = [];
  const visit = (t: string, path: Set<string>) => {
    if (out.includes(t) || path.has(t)) return;
    path.add(t);
    for (const r of refs) if (r.child === t && r.parent !== t) visit(r.parent, path);
    out.push(t);
  };
  for (const t of names) visit(t, new Set());
  return out.filter((t) => names.includes(t));
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

type Column = { name: string; type: string; identity: boolean };

/** Columns of a table with their types, in table order. */
async function columnsOf(on: Queryable, table: string): Promise<Column[]> {
  const rows = await pgExec(() => on).all<{ name: string; type: string; identity: string }>(
    `SELECT column_name AS name, data_type AS type, is_identity AS identity FROM information_schema.columns
     WHERE table_schema = 'public' AND table_name = ? ORDER BY ordinal_position`,
    [table],
  );
  return rows.map((r) => ({ name: r.name, type: r.type, identity: r.identity === 'YES' }));
}

/** A value from another adapter as this column takes it (SQLite keeps flags as 0/1, JSON as text). */
function pgValue(v: unknown, type: string): unknown {
  if (v === undefined || v === null) return null;
  if (type === 'boolean' && typeof v === 'number') return v !== 0;
  if (type === 'jsonb' && typeof v === 'string') {
    try {
      return JSON.parse(v) as unknown;
    } catch {
      return v; // not JSON text: kept as a JSON string
    }
  }
  if (type === 'text' && typeof v === 'object') return JSON.stringify(v);
  return v;
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
      const rows = await x.all(`SELECT * FROM ${t}${order} LIMIT ? OFFSET ?`, [
        q.limit ?? null,
        q.offset ?? 0,
      ]);
      // The outbox's commit order is this database's own (outbox-order.ts): not workspace data.
      for (const r of rows) delete r[COMMIT_XID];
      return rows;
    },
    async insert(table, rows) {
      const t = await known(table);
      if (rows.length === 0) return 0;
      const have = new Map((await columnsOf(on(), table)).map((c) => [c.name, c]));
      const cols = Object.keys(rows[0]!)
        .map((c) => have.get(c))
        .filter((c): c is Column => c !== undefined);
      const list = cols.map((c) => quoteIdent(c.name)).join(', ');
      const values = rows.map((r) =>
        Object.fromEntries(cols.map((c) => [c.name, pgValue(r[c.name], c.type)])),
      );
      // One statement per batch: the rows travel as one JSON array, typed by the table's row type.
      await x.run(
        `INSERT INTO ${t} (${list}) SELECT ${list} FROM jsonb_populate_recordset(NULL::${t}, ?::jsonb)`,
        [JSON.stringify(values)],
      );
      for (const c of cols.filter((k) => k.identity))
        await x.run(
          `SELECT setval(pg_get_serial_sequence(?, ?), m) FROM (SELECT max(${quoteIdent(c.name)}) AS m FROM ${t}) s WHERE m IS NOT NULL`,
          [t, c.name],
        );
      return rows.length;
    },
    async clear(table) {
      await x.run(`DELETE FROM ${await known(table)}`);
    },
  };
}
