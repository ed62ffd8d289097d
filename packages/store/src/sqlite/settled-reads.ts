import type Database from 'better-sqlite3';
import type { SettledRead } from '../api/maintenance';
import type { SqlExec } from '../sql/exec';
import { Unsettled } from '../sql/reports/unsettled';
import { sqliteExec } from './exec';
import { hasDirty, settleAllReports } from './report-settle';

/**
 * How a reader that cannot write gets the records its reads meet unsettled settled: the writer
 * settles every dirty record in a transaction of its own and, given a read, runs it there after
 * (its answer returned). Missing: the reader's reads of the kept report tables fail.
 */
export type SettleOnWriter = (read: SettledRead | null) => Promise<unknown>;

/** What a SettledRead is inside the store: the statement and whether it wants one row. */
type ReadBody = { sql: string; params: readonly unknown[]; one: boolean };
const opaque = (body: ReadBody) => body as unknown as SettledRead;

/**
 * The report tables a settle writes: the rows, the groups, the queues of group changes, the
 * moves' dwell times.
 */
const KEPT =
  /\breport_(rows|cohorts|cohort_months|group_pending|touch_rows|touch_months|touch_pending|dwell)\b/;

/** Settles tried before a read runs in the writer's transaction (writes kept coming in between). */
const TRIES = 3;

const NOT_YET = Symbol('dirty');

/** The read on `db` in one snapshot with the check that no record waits for its settle. */
function inSnapshot<T>(db: Database.Database, read: () => T): T | typeof NOT_YET {
  const run = () => (hasDirty(db) ? NOT_YET : read());
  // A read transaction (deferred: no lock) keeps the check's snapshot for the read.
  return db.inTransaction ? run() : db.transaction(run).deferred();
}

/**
 * The executor of report reads over `conn()`: a statement that reads the report rows, groups or
 * queues runs in a snapshot where no record waits for its settle (report-settle.ts), so it
 * answers exactly as of that snapshot. A writable connection settles on the spot (inside its
 * open transaction, else in one of its own); a reader of another thread asks the writer
 * (`onWriter`), retries, and after TRIES has the writer run the read after its settle; a reader
 * without `onWriter` throws Unsettled, and the report is read from the records. Other
 * statements run as they are.
 */
export function settledReads(
  conn: () => Database.Database,
  onWriter: SettleOnWriter | null,
): SqlExec {
  const plain = sqliteExec(conn);
  async function exact<T>(sql: string, params: readonly unknown[] | undefined, one: boolean) {
    const read = () => (one ? plain.get(sql, params) : plain.all(sql, params)) as T;
    if (!KEPT.test(sql)) return read();
    for (let tries = 0; ; tries++) {
      const db = conn();
      const answer = inSnapshot(db, read);
      if (answer !== NOT_YET) return answer;
      if (!db.readonly) {
        settleAllReports(db);
        return read();
      }
      // A reader of this process (the writer holds a transaction, maybe its caller's own) or one
      // without a writer to ask: the report is read from the records (report-repo.ts).
      if (!onWriter) throw new Unsettled();
      if (tries === TRIES) return (await onWriter(opaque({ sql, params: params ?? [], one }))) as T;
      await onWriter(null);
    }
  }
  return {
    all: <R>(sql: string, params?: readonly unknown[]) => exact<R[]>(sql, params, false),
    get: <R>(sql: string, params?: readonly unknown[]) => exact<R | undefined>(sql, params, true),
    run: (sql, params) => plain.run(sql, params),
  };
}

/** The writer's side of `SettleOnWriter`: every dirty record settled, then the read if any. */
export function settleThenRead(db: Database.Database, read: SettledRead | null): unknown {
  settleAllReports(db);
  if (!read) return null;
  const x = sqliteExec(() => db);
  const body = read as unknown as ReadBody;
  return body.one ? x.get(body.sql, body.params) : x.all(body.sql, body.params);
}
