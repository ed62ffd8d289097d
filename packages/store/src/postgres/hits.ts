import type { HitCounter } from '../api/maintenance';
import { fromNum } from '../sql/exec';
import { pgExec, type Queryable } from './exec';

/**
 * The table of rate-limit windows: unlogged (counters need no crash safety, and writing them
 * skips the write-ahead log), kept out of workspace copies (`TableData.names`).
 */
export const HITS_TABLE = 'rate_windows';

/** Created at boot beside the system migrations (not workspace data: no drizzle schema twin). */
export const CREATE_HITS_TABLE = `CREATE UNLOGGED TABLE IF NOT EXISTS ${HITS_TABLE} (
  key text COLLATE "C" PRIMARY KEY, start bigint NOT NULL, count integer NOT NULL)`;

/** Windows older than this are deleted now and then (the longest limit window is 15 minutes). */
const KEEP_MS = 60 * 60_000;

/**
 * Rate-limit counters of a PostgreSQL store, shared by every process on the database: one
 * upsert per hit (the row lock serialises two processes counting the same key).
 */
export function pgHits(on: () => Queryable): HitCounter {
  const x = pgExec(on);
  let hitsSinceSweep = 0;
  return {
    async hit(key, windowMs, now) {
      // Now and then (not on every hit) the table sheds windows nobody counts any more.
      if (++hitsSinceSweep >= 1000) {
        hitsSinceSweep = 0;
        await x.run(`DELETE FROM ${HITS_TABLE} WHERE start < ?`, [now - KEEP_MS]);
      }
      const r = await x.get(
        `INSERT INTO ${HITS_TABLE} AS w (key, start, count) VALUES (?, ?, 1)
         ON CONFLICT (key) DO UPDATE SET
           start = CASE WHEN w.start <= ? THEN EXCLUDED.start ELSE w.start END,
           count = CASE WHEN w.start <= ? THEN 1 ELSE w.count + 1 END
         RETURNING start, count`,
        [key, now, now - windowMs, now - windowMs],
      );
      return { start: fromNum(r?.start), count: fromNum(r?.count) };
    },
    async peek(key, windowMs, now) {
      const r = await x.get(`SELECT start, count FROM ${HITS_TABLE} WHERE key = ? AND start > ?`, [
        key,
        now - windowMs,
      ]);
      return r ? { start: fromNum(r.start), count: fromNum(r.count) } : null;
    },
    async forget(key) {
      await x.run(`DELETE FROM ${HITS_TABLE} WHERE key = ?`, [key]);
    },
  };
}
