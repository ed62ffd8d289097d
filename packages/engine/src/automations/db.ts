import type { Database } from 'better-sqlite3';

/**
 * The part of @trellis/store's StoreDb automations use: the raw driver for system-table SQL
 * and the transaction helper (savepoints when nested).
 */
export type Db = { sqlite: Database; transaction<T>(fn: () => T): T };

/** Parses a JSON column, tolerating null and already-parsed values. */
export function parseJson<T>(v: unknown, fallback: T): T {
  if (v === null || v === undefined) return fallback;
  if (typeof v !== 'string') return v as T;
  try {
    return JSON.parse(v) as T;
  } catch {
    return fallback;
  }
}
