import type { SqlExec } from '../sql/exec';

const XID_SPACE = 1n << 32n;
const HALF = XID_SPACE / 2n;

/**
 * The oldest transaction of *this* database that a stream must still wait for, as a 64-bit
 * transaction id (decimal text): rows of transactions below it are all committed or gone, so a
 * stream may hand out cursors up to it (outbox-order.ts, notification-order.ts).
 *
 * Transaction ids are shared by every database of a server, and `pg_snapshot_xmin` is the oldest
 * transaction running anywhere on it: a long statement in another database (another workspace on
 * a shared server, another test's seed) held every stream here back for as long as it ran. So
 * the running transactions are taken from `pg_locks` (each one holds an exclusive lock on its own
 * id until it ends), keeping those of backends connected to this database — and any whose
 * backend is not listed (a prepared transaction, a backend newer than a cached activity list).
 *
 * Why it is safe: the statement's snapshot is taken before `pg_locks` is read, so a transaction
 * with an id below the snapshot's `xmax` that is not in the lock list had ended before that read;
 * the caller reads its rows in a later statement, whose snapshot sees them. A transaction given
 * an id after the snapshot has one at least `xmax`, so it never lowers the horizon. `pg_locks`
 * holds 32-bit ids: each is widened to the 64-bit id nearest `xmax` with the same low 32 bits
 * (the ids of running transactions are within 2^31 of it).
 */
export async function streamHorizon(x: SqlExec): Promise<string> {
  const r = await x.get<{ xmax: string; running: string[] | null }>(
    `SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS xmax,
            array(SELECT l.transactionid::text FROM pg_locks l
                  LEFT JOIN pg_stat_activity a ON a.pid = l.pid
                  WHERE l.locktype = 'transactionid' AND l.mode = 'ExclusiveLock' AND l.granted
                    AND (a.datid IS NULL
                         OR a.datid = (SELECT oid FROM pg_database WHERE datname = current_database()))
            ) AS running`,
  );
  const xmax = BigInt(r!.xmax);
  let horizon = xmax;
  for (const id of r!.running ?? []) {
    const ahead = (((BigInt(id) - (xmax % XID_SPACE)) % XID_SPACE) + XID_SPACE) % XID_SPACE;
    if (ahead < HALF) continue; // given its id after the snapshot: at or above xmax
    const full = xmax - (XID_SPACE - ahead);
    if (full < horizon) horizon = full;
  }
  return String(horizon);
}
