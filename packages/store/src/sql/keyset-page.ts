import { afterCursor, decodeCursor, encodeCursor, orderBy } from '../sqlite/keyset';
import type { Row, SqlExec } from './exec';

/**
 * One key of a page's order; the last key must be unique (the row id). `column` may be an SQL
 * expression (say `coalesce(due_at, 9e15)` to sort NULLs last).
 */
type PageKey = { column: string; dir: 'asc' | 'desc'; notNull?: boolean };

/** One page of a list and the cursor of the next one (null on the last page). */
export type Page<T> = { items: T[]; nextCursor: string | null };

/** `limit` (default 50, at most 1,000) and the `nextCursor` of the previous page. */
export type PageRequest = { limit?: number; cursor?: string | null };

/** Rows the caller may not see are skipped; the page is filled from the rows after them. */
export type Keep<T> = (item: T) => boolean | Promise<boolean>;

/** What to read: `select` of `from` matching every `where` clause, in the order of `keys`. */
export type PageQuery<T> = {
  select: string;
  from: string;
  where?: string[];
  params?: unknown[];
  keys: PageKey[];
  page: PageRequest;
  /** Names the list in its cursors, so one list's cursor is refused by another. */
  signature: string;
  map: (row: Row) => T;
  keep?: Keep<T> | undefined;
};

/** The page size asked for, within 1..1000 (default 50). */
function pageLimit(page: PageRequest): number {
  return Math.min(1000, Math.max(1, page.limit ?? 50));
}

/**
 * Reads one page of a system table with keyset (cursor) paging — the same `limit` / `cursor` /
 * `nextCursor` contract as record lists, in portable SQL. With `keep`, rows are read in batches
 * until the page is full, and the cursor points after the last row kept, so a page never
 * repeats or skips a row. Resolves to null for a cursor that is not one of this list's.
 */
export async function keysetPage<T>(x: SqlExec, q: PageQuery<T>): Promise<Page<T> | null> {
  const keys = q.keys.map((k) => ({
    col: { column: k.column, notNull: k.notNull ?? false },
    dir: k.dir,
  }));
  const names = q.keys.map((_, i) => `k${i}_`);
  const extra = q.keys.map((k, i) => `, ${k.column} AS ${names[i]!}`).join('');
  const limit = pageLimit(q.page);
  let after: unknown[] | null = null;
  if (q.page.cursor) {
    after = decodeCursor(q.page.cursor, q.signature, keys.length);
    if (!after) return null;
  }
  const items: { item: T; key: unknown[] }[] = [];
  // Without `keep`, one row beyond the page tells whether there is a next page.
  const batch = q.keep ? Math.max(limit * 2, 50) : limit + 1;
  for (;;) {
    const where = [...(q.where ?? [])];
    const params = [...(q.params ?? [])];
    if (after) {
      const cond = afterCursor(keys, after);
      where.push(cond.sql);
      params.push(...cond.params);
    }
    const sql = `SELECT ${q.select}${extra} FROM ${q.from}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY ${orderBy(keys)} LIMIT ?`;
    const rows = await x.all(sql, [...params, batch]);
    for (const row of rows) {
      const key = names.map((n) => row[n] ?? null);
      after = key;
      const item = q.map(row);
      if (q.keep && !(await q.keep(item))) continue;
      // A visible row after a full page: there is a next page, starting after the page's last.
      if (items.length === limit)
        return {
          items: items.map((i) => i.item),
          nextCursor: encodeCursor(q.signature, items.at(-1)!.key),
        };
      items.push({ item, key });
    }
    if (rows.length < batch) return { items: items.map((i) => i.item), nextCursor: null };
  }
}
