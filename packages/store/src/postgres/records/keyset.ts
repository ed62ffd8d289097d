import type { ColumnInfo } from '../../entity/entity-table';
import { afterCursor as sqliteAfter, type SortKey } from '../../sqlite/keyset';

export { decodeCursor, encodeCursor } from '../../sqlite/keyset';

/**
 * What a list sorts on: the column itself, except booleans (as 0/1, so a cursor holds numbers)
 * and JSON (as its text), mirroring how SQLite stores them.
 */
export function sortExpr(col: ColumnInfo): string {
  if (col.codec === 'boolean') return `CAST(${col.column} AS integer)`;
  if (col.codec === 'json') return `CAST(${col.column} AS text) COLLATE "C"`;
  return col.column;
}

const asSortable = (k: SortKey): SortKey => ({ ...k, col: { ...k.col, column: sortExpr(k.col) } });

/** ORDER BY with SQLite's NULL placement (first ascending, last descending) on every key. */
export function orderBy(keys: readonly SortKey[]): string {
  return keys
    .map((k) => `${sortExpr(k.col)} ${k.dir === 'asc' ? 'ASC NULLS FIRST' : 'DESC NULLS LAST'}`)
    .join(', ');
}

/** Rows strictly after the cursor values (the SQLite keyset condition over the sort expressions). */
export function afterCursor(
  keys: readonly SortKey[],
  values: readonly unknown[],
): { sql: string; params: unknown[] } {
  const after = sqliteAfter(keys.map(asSortable), values);
  return after.sql === '0' ? { sql: 'FALSE', params: [] } : after;
}

/** The sort expressions as extra output columns `__k0`, `__k1`, …: a cursor holds what they yielded. */
export function keyColumns(keys: readonly SortKey[]): string {
  return keys.map((k, i) => `, ${sortExpr(k.col)} AS __k${i}`).join('');
}
