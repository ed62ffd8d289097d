import type { Store } from '@trellis/store';

export type Row = Record<string, unknown>;
/** Columns that must equal, or a predicate over a stored row (column names as stored). */
export type Where = Partial<Row> | ((row: Row) => boolean);

const matches = (where: Where | undefined) => (row: Row) =>
  where === undefined
    ? true
    : typeof where === 'function'
      ? where(row)
      : Object.entries(where).every(([k, v]) => row[k] === v);

/**
 * Raw rows of a table as stored (snake_case columns, JSON as text), read through the store's
 * `tables` so the assertions hold on every dialect; filtered in code.
 */
export async function rows(store: Store, table: string, where?: Where): Promise<Row[]> {
  return (await store.tables.rows(table)).filter(matches(where));
}

/** How many rows of `table` match. */
export async function count(store: Store, table: string, where?: Where): Promise<number> {
  return where === undefined ? store.tables.count(table) : (await rows(store, table, where)).length;
}

/** Only `cols` of each row (what a SELECT of those columns gave). */
export function pick(list: Row[], cols: readonly string[]): Row[] {
  return list.map((r) => Object.fromEntries(cols.map((c) => [c, r[c]])));
}
