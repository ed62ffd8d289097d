import Database from 'better-sqlite3';
import pg from 'pg';
import { createTestDatabase, dropTestDatabase } from '@trellis/tooling/pg';
import { compileToSql, renderSql, sqlDialects } from '../src/index';
import type {
  EvalContext,
  SqlColumn,
  SqlColumnType,
  SqlDialectName,
  SqlFragment,
} from '../src/index';

/**
 * One table of test rows in a real database of each dialect, so a compiled condition can be run
 * on SQLite and PostgreSQL alike and compared with `evaluate`. Column types are the ones the
 * store uses; PostgreSQL text columns keep the database's default (ICU, linguistic) collation on
 * purpose, so the compiler's own COLLATE "C" is what makes text ordering match JS.
 */
export type SqlTable = {
  dialect: SqlDialectName;
  /** Replaces the rows; a row's id is its `id` property, else its index. */
  load(rows: readonly Record<string, unknown>[]): Promise<void>;
  /** Ids of the rows where the expression holds, in order; throws if it does not compile. */
  select(expr: unknown, ctx?: EvalContext): Promise<number[]>;
  /** The value of one SQL expression (rendered for this dialect). */
  value(f: SqlFragment): Promise<unknown>;
  close(): Promise<void>;
};

const PG_TYPES: Record<SqlColumnType, string> = {
  text: 'text',
  date: 'text',
  number: 'double precision',
  integer: 'bigint',
  datetime: 'bigint',
  boolean: 'boolean',
  json: 'jsonb',
};
const SQLITE_TYPES: Record<SqlColumnType, string> = {
  text: 'TEXT',
  date: 'TEXT',
  number: 'REAL',
  integer: 'INTEGER',
  datetime: 'INTEGER',
  boolean: 'INTEGER',
  json: 'TEXT',
};

/** Engine values as each database stores them (booleans 0/1 in SQLite, JSON as text). */
function encode(type: SqlColumnType, v: unknown, dialect: SqlDialectName): unknown {
  if (v === null || v === undefined) return null;
  if (type === 'json') return JSON.stringify(v);
  if (type === 'boolean' && dialect === 'sqlite') return v ? 1 : 0;
  return v;
}

const idOf = (r: Record<string, unknown>, i: number) => (typeof r.id === 'number' ? r.id : i);

const names = (columns: Record<string, SqlColumn>) =>
  Object.entries(columns).map(([key, c]) => ({ key, ...c }));

function compiled(
  expr: unknown,
  columns: Record<string, SqlColumn>,
  dialect: SqlDialectName,
  ctx?: EvalContext,
) {
  const r = compileToSql(expr, { columns, ctx, dialect });
  if (!r.ok) throw new Error(`not compiled: ${JSON.stringify(expr)} ${JSON.stringify(r.errors)}`);
  return r;
}

function sqliteTable(columns: Record<string, SqlColumn>): SqlTable {
  const db = new Database(':memory:');
  const cols = names(columns);
  return {
    dialect: 'sqlite',
    async load(rows) {
      db.exec(
        `DROP TABLE IF EXISTS t; CREATE TABLE t (id INTEGER PRIMARY KEY, ${cols.map((c) => `${c.column} ${SQLITE_TYPES[c.type]}`).join(', ')})`,
      );
      const insert = db.prepare(`INSERT INTO t VALUES (?, ${cols.map(() => '?').join(', ')})`);
      rows.forEach((r, i) =>
        insert.run(idOf(r, i), ...cols.map((c) => encode(c.type, r[c.key], 'sqlite') as never)),
      );
    },
    async select(expr, ctx) {
      const r = compiled(expr, columns, 'sqlite', ctx);
      const sql = `SELECT id FROM t WHERE ${r.sql} ORDER BY id`;
      return (db.prepare(sql).all(...(r.params as never[])) as { id: number }[]).map((x) => x.id);
    },
    async value(f) {
      const r = renderSql(f, sqlDialects.sqlite);
      return (db.prepare(`SELECT ${r.sql} AS v`).get(...(r.params as never[])) as { v: unknown }).v;
    },
    async close() {
      db.close();
    },
  };
}

/** A table in a fresh database on the test server, or null when no PostgreSQL runs. */
async function postgresTable(columns: Record<string, SqlColumn>): Promise<SqlTable | null> {
  const url = await createTestDatabase('logic');
  if (!url) return null;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const cols = names(columns);
  return {
    dialect: 'postgres',
    async load(rows) {
      await client.query(
        `DROP TABLE IF EXISTS t; CREATE TABLE t (id integer PRIMARY KEY, ${cols.map((c) => `${c.column} ${PG_TYPES[c.type]}`).join(', ')})`,
      );
      if (rows.length === 0) return;
      const width = cols.length + 1;
      const values = rows.map(
        (_, i) =>
          `(${Array.from({ length: width }, (_, j) => `$${i * width + j + 1}`).join(', ')})`,
      );
      const params = rows.flatMap((r, i) => [
        idOf(r, i),
        ...cols.map((c) => encode(c.type, r[c.key], 'postgres')),
      ]);
      await client.query(`INSERT INTO t VALUES ${values.join(', ')}`, params);
    },
    async select(expr, ctx) {
      const r = compiled(expr, columns, 'postgres', ctx);
      const res = await client.query<{ id: number }>(
        `SELECT id FROM t WHERE ${r.sql} ORDER BY id`,
        r.params,
      );
      return res.rows.map((x) => x.id);
    },
    async value(f) {
      const r = renderSql(f, sqlDialects.postgres);
      return (await client.query<{ v: unknown }>(`SELECT ${r.sql} AS v`, r.params)).rows[0]?.v;
    },
    async close() {
      await client.end();
      await dropTestDatabase(url);
    },
  };
}

/** The SQLite table, plus the PostgreSQL one when a test server runs. */
export async function sqlTables(columns: Record<string, SqlColumn>): Promise<SqlTable[]> {
  const pgTable = await postgresTable(columns);
  return pgTable ? [sqliteTable(columns), pgTable] : [sqliteTable(columns)];
}
