/**
 * Raw rows of the store's tables, for moving a workspace between databases and for tests that
 * look at what was written. Column names as stored (snake_case), JSON columns as text.
 */
export type TableData = {
  /**
   * Names of the system tables and of the entity tables that exist; a table referred to by
   * another's foreign key comes first (the order a copy loads them in).
   */
  names(): Promise<string[]>;
  count(table: string): Promise<number>;
  /** Rows in primary-key order, `offset` rows skipped, at most `limit` (default all). */
  rows(table: string, q?: { limit?: number; offset?: number }): Promise<Record<string, unknown>[]>;
  /**
   * Appends rows as `rows` returns them, from this adapter or another (`trellis migrate-data`):
   * columns the table lacks are left out, values converted to the column's type (0/1 and
   * booleans, JSON text and JSON values). Identity counters move past the copied values. Call it
   * inside a transaction. Returns the number of rows written.
   */
  insert(table: string, rows: readonly Record<string, unknown>[]): Promise<number>;
  /** Deletes every row of a table (inside a transaction). */
  clear(table: string): Promise<void>;
};
