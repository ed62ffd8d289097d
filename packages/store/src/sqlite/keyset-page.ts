import type { Database, Statement } from 'better-sqlite3';
import { afterCursor, decodeCursor, encodeCursor, orderBy } from './keyset';

/**
 * One key of a page's order; the last key must be unique (the row id). `column` may be an SQL
 * expression (say `coalesce(due_at, 9e15)` to sort NULLs last), then named by `as`.
 */
export type PageKey = { column: string; dir: 'asc' | 'desc'; notNull?: boolean; as?: string };

/** One page of a list and the cursor of the next one (null on the last page). */
export type Page<T> = { items: T[]; nextCursor: string | null };

/** What to read: rows of `from` matching every `where` clause, in the order of `keys`. */
export type PageQuery<Row> = {
  from: string;
  where?: string[];
  params?: unknown[];
  keys: PageKey[];
  limit: number;
  cursor?: string | null;
  /** Names the list in its cursors, so one list's cursor is refused by another. */
  signature: string;
  /** Rows the caller may not see are skipped; the page is filled from the rows after them. */
  keep?: (row: Row) => boolean;
};

const statements = new WeakMap<Database, Map<string, Statement<unknown[]>>>();

function prepared(sqlite: Database, sql: string) {
  let cache = statements.get(sqlite);
  if (!cache) statements.set(sqlite, (cache = new Map()));
  let st = cache.get(sql);
  if (!st) cache.set(sql, (st = sqlite.prepare(sql)));
  return st;
}

/**
 * Reads one page of a system table with keyset (cursor) paging — the same `limit` / `cursor` /
 * `nextCursor` contract as record lists. With `keep`, rows are read in batches until the page is
 * full, and the cursor points after the last row read, so a page never repeats or skips a row.
 * Returns null for a cursor that is not one of this list's.
 */
export function keysetPage<Row extends Record<string, unknown>>(
  db: { sqlite: Database },
  q: PageQuery<Row>,
): Page<Row> | null {
  const keys = q.keys.map((k) => ({
    col: { column: k.column, notNull: k.notNull ?? false },
    dir: k.dir,
  }));
  const names = q.keys.map((k) => k.as ?? k.column.replace(/"/g, ''));
  const extra = q.keys
    .filter((k) => k.as)
    .map((k) => `, ${k.column} AS ${k.as!}`)
    .join('');
  let after: unknown[] | null = null;
  if (q.cursor) {
    after = decodeCursor(q.cursor, q.signature, keys.length);
    if (!after) return null;
  }
  const items: Row[] = [];
  // Without `keep`, one row beyond the page tells whether there is a next page.
  const batch = q.keep ? Math.max(q.limit * 2, 50) : q.limit + 1;
  for (;;) {
    const where = [...(q.where ?? [])];
    const params = [...(q.params ?? [])];
    if (after) {
      const cond = afterCursor(keys, after);
      where.push(cond.sql);
      params.push(...cond.params);
    }
    const sql = `SELECT *${extra} FROM ${q.from}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY ${orderBy(keys)} LIMIT ?`;
    const rows = prepared(db.sqlite, sql).all(...params, batch) as Row[];
    for (const row of rows) {
      after = keyOf(row, names);
      if (q.keep && !q.keep(row)) continue;
      // A visible row after a full page: there is a next page, starting after the page's last.
      if (items.length === q.limit)
        return { items, nextCursor: encodeCursor(q.signature, keyOf(items.at(-1)!, names)) };
      items.push(row);
    }
    if (rows.length < batch) return { items, nextCursor: null };
  }
}

function keyOf(row: Record<string, unknown>, names: string[]): unknown[] {
  return names.map((n) => row[n] ?? null);
}
