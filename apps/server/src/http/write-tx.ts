import type { StoreDb } from '@trellis/store';

/**
 * Runs an engine write under BEGIN IMMEDIATE. The automation worker may write through its own
 * connection (another thread or process); a deferred transaction that read first could then
 * fail to upgrade. Taking the write lock first makes it wait (busy_timeout) instead.
 */
export function writeTx<T>(db: StoreDb, fn: () => T): T {
  if (db.sqlite.inTransaction) return fn();
  return db.sqlite.transaction(fn).immediate();
}
