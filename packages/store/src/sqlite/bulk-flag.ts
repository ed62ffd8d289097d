import type Database from 'better-sqlite3';
import { followMark } from './report-mark';
import { takeUpBulk, takeUpNewRows } from './report-sources';

/**
 * The switch of the report triggers during a bulk write on one SQLite connection: the insert
 * triggers of the entity tables and of stage_transitions, and report_rows' update triggers,
 * run only `WHEN NOT trellis_bulk()`, and the bulk call keeps report_rows / report_cohorts itself, once per batch
 * (sql/reports/bulk-upkeep.ts). The flag is the connection's own: other connections (another
 * thread, another process) keep their triggers. A connection opened without openDatabase has
 * no such function and cannot write entity tables (SQLite answers "no such function").
 */
export const BULK_FUNCTION = 'trellis_bulk';

const flags = new WeakMap<Database.Database, { depth: number }>();

/** Registers trellis_bulk() on the connection (openDatabase does, for every connection). */
export function registerBulkFlag(db: Database.Database): void {
  const flag = { depth: 0 };
  flags.set(db, flag);
  db.function(BULK_FUNCTION, { deterministic: false }, () => (flag.depth > 0 ? 1 : 0));
}

/**
 * Runs `fn` with the connection's report triggers off. `fn` must write only through the bulk
 * call it belongs to (the writer runs one transaction at a time and the engine awaits each
 * write), and the caller must refresh the groups of what it wrote before the flag comes down.
 */
export async function withoutReportTriggers<T>(
  db: Database.Database,
  fn: () => Promise<T>,
): Promise<T> {
  const flag = flags.get(db);
  // Without the flag the triggers fire: the refresh after them then changes nothing.
  if (!flag) return fn();
  // The rows inserted before the batch are taken up first: those above `upto` after it are the
  // batch's, whose report rows its call keeps (report-sources.ts takeUpBulk).
  if (flag.depth === 0) {
    followMark(db);
    takeUpNewRows(db);
  }
  flag.depth++;
  let done = false;
  try {
    const out = await fn();
    done = true;
    return out;
  } finally {
    flag.depth--;
    if (done && flag.depth === 0) takeUpBulk(db);
  }
}
