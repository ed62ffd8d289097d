import type { OutboxRepo } from '../api/outbox';
import type { SqlExec } from '../sql/exec';
import { toHead } from '../sql/outbox';
import { streamHorizon } from './stream-horizon';

/**
 * The commit order of outbox events on PostgreSQL. `seq` is taken when a row is inserted, and
 * transactions commit side by side: a reader can see seq 11 committed while seq 10 is still in
 * flight, and a cursor on `seq` would move past 10 for ever. Each row also keeps the id of the
 * transaction that wrote it (64-bit, never wraps), and readers only take rows of transactions
 * older than the oldest one of this database still running (stream-horizon.ts): every row that
 * becomes visible later has a transaction id at least that high, so it sorts after any cursor
 * handed out (cursor = "xid.seq", ordered by the pair). The price: a long open writing
 * transaction of this database holds event streams back until it ends.
 *
 * PostgreSQL only (SQLite has one writer, whose sequence numbers follow commit order), so the
 * column is added at boot beside the checked-in migrations rather than in the portable schema.
 */
export const COMMIT_XID = 'commit_xid';

export const ADD_COMMIT_ORDER = [
  `ALTER TABLE outbox ADD COLUMN IF NOT EXISTS ${COMMIT_XID} xid8 NOT NULL DEFAULT pg_current_xact_id()`,
  `CREATE INDEX IF NOT EXISTS outbox_commit_ix ON outbox (${COMMIT_XID}, seq)`,
];

const CURSOR = /^(\d{1,20})\.(\d{1,15})$/;

/** The stream reads of the outbox in commit order (see above). */
export function commitOrderedReads(x: SqlExec): Pick<OutboxRepo, 'since' | 'head' | 'cursorOk'> {
  return {
    async since(after, limit) {
      const m = after === null ? null : CURSOR.exec(after);
      const [xid, seq] = m ? [m[1]!, Number(m[2])] : ['0', 0];
      const horizon = await streamHorizon(x); // before the read: see stream-horizon.ts
      const rows = await x.all(
        `SELECT ${COMMIT_XID}::text AS xid, seq, type, entity, record_id, created_at FROM outbox
         WHERE (${COMMIT_XID}, seq) > (?::xid8, ?::bigint)
           AND ${COMMIT_XID} < ?::xid8
         ORDER BY ${COMMIT_XID}, seq LIMIT ?`,
        [xid, seq, horizon, limit],
      );
      return rows.map((r) => toHead(r, `${String(r.xid)}.${String(r.seq)}`));
    },
    async head() {
      // Every transaction from the oldest running one on is still to come.
      return `${await streamHorizon(x)}.0`;
    },
    cursorOk: (cursor) => CURSOR.test(cursor),
  };
}
