import { quoteIdent } from '../../entity/entity-table';
import type { SqlExec } from '../../sql/exec';

export type LiveColumn = { name: string; type: string };

export async function tableExists(x: SqlExec, name: string): Promise<boolean> {
  return (await x.get('SELECT to_regclass(?) AS t', [quoteIdent(name)]))?.t != null;
}

/** Columns of a table as they are in the database: name and type (`format_type`). */
export async function liveColumns(x: SqlExec, table: string): Promise<LiveColumn[]> {
  return x.all<LiveColumn>(
    `SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type FROM pg_attribute a
     WHERE a.attrelid = to_regclass(?) AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum`,
    [quoteIdent(table)],
  );
}

/** The managed indexes (prefix ix_<table>__) of a table with their definitions. */
export async function managedIndexes(
  x: SqlExec,
  table: string,
): Promise<{ name: string; sql: string }[]> {
  const prefix = `ix_${table}__`;
  const rows = await x.all<{ name: string; sql: string }>(
    `SELECT indexname AS name, indexdef AS sql FROM pg_indexes WHERE schemaname = current_schema() AND tablename = ?`,
    [table],
  );
  return rows.filter((r) => r.name.startsWith(prefix));
}

export async function rowCount(x: SqlExec, table: string, where = ''): Promise<number> {
  const r = await x.get<{ n: number }>(
    `SELECT count(*) AS n FROM ${quoteIdent(table)}${where ? ` WHERE ${where}` : ''}`,
  );
  return r?.n ?? 0;
}
