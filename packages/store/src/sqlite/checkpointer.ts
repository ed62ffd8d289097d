import Database from 'better-sqlite3';
import type { CheckpointResult } from '../api/maintenance';
import { RESTART_WAL_AFTER_FRAMES } from '../db/checkpoints';

/** A connection that does nothing but checkpoint a SQLite database's write-ahead log. */
export type Checkpointer = {
  /**
   * PASSIVE checkpoint (never blocks the writer or readers), then, once the log is past
   * `restartAfterFrames`, a RESTART that waits at most `waitMs` for readers and starts it over.
   */
  checkpoint(opts?: { restartAfterFrames?: number; waitMs?: number }): CheckpointResult;
  close(): void;
};

function run(db: Database.Database, mode: 'PASSIVE' | 'RESTART'): CheckpointResult {
  const row = (
    db.pragma(`wal_checkpoint(${mode})`) as { busy: number; log: number; checkpointed: number }[]
  )[0];
  return {
    frames: Math.max(0, row?.log ?? 0),
    copied: Math.max(0, row?.checkpointed ?? 0),
    busy: (row?.busy ?? 0) !== 0,
  };
}

/**
 * Opens a checkpoint-only connection to a SQLite store's file, for a thread of its own: a
 * checkpoint copies pages and syncs the file, tens of milliseconds that must not stall the
 * writer's thread (open the store with `checkpoints: 'elsewhere'`). Not for PostgreSQL.
 */
export function openCheckpointer(file: string): Checkpointer {
  const db = new Database(file);
  db.pragma('busy_timeout = 0');
  return {
    checkpoint(opts = {}) {
      const passive = run(db, 'PASSIVE');
      if (passive.frames < (opts.restartAfterFrames ?? RESTART_WAL_AFTER_FRAMES)) return passive;
      // A pragma, not a prepared statement: SQLite applies busy_timeout when the pragma runs.
      db.pragma(`busy_timeout = ${Math.max(0, Math.floor(opts.waitMs ?? 10))}`);
      try {
        return run(db, 'RESTART');
      } finally {
        db.pragma('busy_timeout = 0');
      }
    },
    close: () => db.close(),
  };
}
