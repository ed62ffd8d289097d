import { getTableConfig as pgConfig, PgTable } from 'drizzle-orm/pg-core';
import { getTableConfig as sqliteConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';
import * as sqliteSchema from '../../schema/index';
import * as pgSchema from './index';

type Shape = {
  columns: Record<string, { notNull: boolean; primary: boolean; default: boolean }>;
  indexes: Record<string, { columns: string[]; unique: boolean }>;
  primaryKeys: string[][];
  foreignKeys: string[];
};

const colName = (c: unknown) => (c as { name: string }).name;

function sqliteShapes(): Record<string, Shape> {
  const out: Record<string, Shape> = {};
  for (const t of Object.values(sqliteSchema)) {
    if (!(t instanceof SQLiteTable)) continue;
    const c = sqliteConfig(t);
    out[c.name] = {
      columns: Object.fromEntries(
        c.columns.map((col) => [
          col.name,
          { notNull: col.notNull, primary: col.primary, default: col.hasDefault && !col.primary },
        ]),
      ),
      indexes: Object.fromEntries(
        c.indexes.map((ix) => [
          ix.config.name,
          { columns: ix.config.columns.map(colName), unique: ix.config.unique },
        ]),
      ),
      primaryKeys: c.primaryKeys.map((pk) => pk.columns.map(colName)),
      foreignKeys: c.foreignKeys.map((fk) => {
        const r = fk.reference();
        return `${r.columns.map(colName).join()}->${sqliteConfig(r.foreignTable).name}.${r.foreignColumns.map(colName).join()}`;
      }),
    };
  }
  return out;
}

/**
 * Columns only PostgreSQL has, on purpose: report groups split over shards so that concurrent
 * writers do not queue on one row's lock (cohort-sql.ts groupKey); SQLite has one writer.
 */
const PG_ONLY: Record<string, string[]> = {
  report_rows: ['shard'],
  report_cohorts: ['shard'],
  report_cohort_months: ['shard'],
  report_touch_rows: ['shard'],
  report_touch_months: ['shard'],
};

/**
 * Tables only PostgreSQL has, on purpose: report_entries (a manager's period funnel by day),
 * where SQLite counts its index ranges as fast as the table would be read, and
 * report_owner_entries (the same per owner and team: a rep's period funnel), whose look-ups of
 * the reader's transitions SQLite makes in its own process.
 */
const PG_ONLY_TABLES = ['report_entries', 'report_owner_entries'];

/**
 * Indexes only PostgreSQL has: report_rows by creation time (a range's partial days read from
 * the rows; SQLite looks each record's row up by key, in its own process).
 */
const PG_ONLY_INDEXES: Record<string, string[]> = { report_rows: ['report_rows_created_ix'] };

/**
 * Tables only SQLite has: report_group_pending and report_touch_pending, the queues its report
 * and first-touch triggers append group changes to and upkeep folds in (written behind, as
 * search is; PostgreSQL's concurrent writers upsert their shards directly), and report_dirty,
 * the records whose report rows wait for the settle (sqlite/report-settle.ts), and report_settled,
 * how far the settle has taken up each source table's rows (sqlite/report-sources.ts).
 */
const SQLITE_ONLY_TABLES = [
  'report_group_pending',
  'report_touch_pending',
  'report_dirty',
  'report_settled',
];

function withoutSqliteOnly(shapes: Record<string, Shape>): Record<string, Shape> {
  for (const t of SQLITE_ONLY_TABLES) delete shapes[t];
  return shapes;
}

function withoutPgOnly(shapes: Record<string, Shape>): Record<string, Shape> {
  for (const t of PG_ONLY_TABLES) delete shapes[t];
  for (const [table, names] of Object.entries(PG_ONLY_INDEXES))
    for (const n of names) delete shapes[table]!.indexes[n];
  for (const [table, cols] of Object.entries(PG_ONLY)) {
    const shape = shapes[table]!;
    for (const c of cols) delete shape.columns[c];
    shape.primaryKeys = shape.primaryKeys.map((pk) => pk.filter((c) => !cols.includes(c)));
  }
  return shapes;
}

function pgShapes(): Record<string, Shape> {
  const out: Record<string, Shape> = {};
  for (const t of Object.values(pgSchema)) {
    if (!(t instanceof PgTable)) continue;
    const c = pgConfig(t);
    out[c.name] = {
      columns: Object.fromEntries(
        c.columns.map((col) => [
          col.name,
          {
            notNull: col.notNull,
            primary: col.primary,
            // Identity columns are SQLite's autoincrement keys: no default of their own.
            default: col.hasDefault && !col.primary,
          },
        ]),
      ),
      indexes: Object.fromEntries(
        c.indexes.map((ix) => [
          ix.config.name as string,
          { columns: ix.config.columns.map(colName), unique: ix.config.unique },
        ]),
      ),
      primaryKeys: c.primaryKeys.map((pk) => pk.columns.map(colName)),
      foreignKeys: c.foreignKeys.map((fk) => {
        const r = fk.reference();
        return `${r.columns.map(colName).join()}->${pgConfig(r.foreignTable).name}.${r.foreignColumns.map(colName).join()}`;
      }),
    };
  }
  return out;
}

describe('PostgreSQL system tables', () => {
  it('mirror the SQLite ones: tables, columns, nullability, keys and indexes', () => {
    // A system table or column added on one side only fails here: add it to both schemas and
    // generate both migrations (db:generate and db:generate:pg).
    expect(withoutPgOnly(pgShapes())).toEqual(withoutSqliteOnly(sqliteShapes()));
    expect(sqliteShapes()).toHaveProperty('report_group_pending');
    expect(sqliteShapes()).toHaveProperty('report_touch_pending');
    expect(pgShapes().report_cohorts!.primaryKeys[0]).toContain('shard');
  });
});
