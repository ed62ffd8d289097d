/**
 * Raw rows of the store's tables, for moving a workspace between databases and for tests that
 * look at what was written. Column names as stored (snake_case), JSON columns as text.
 */
export type TableData = {
  /** Names of the system tables and of the entity tables that exist. */
  names(): Promise<string[]>;
  count(table: string): Promise<number>;
  /** Rows in primary-key order, `offset` rows skipped, at most `limit` (default all). */
  rows(table: string, q?: { limit?: number; offset?: number }): Promise<Record<string, unknown>[]>;
};
