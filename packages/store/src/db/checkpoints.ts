import type { StoreDb } from './open-database';

/**
 * WAL frames (4 KiB pages) after which a connection that handed its checkpoints to another
 * thread checkpoints by itself anyway: a safety net for when that thread is not running.
 */
export const CHECKPOINT_SAFETY_FRAMES = 64_000;

/**
 * Stops this connection from checkpointing in the middle of its own commits. SQLite runs the
 * automatic checkpoint synchronously right after a commit, so on the HTTP thread it stalled
 * every request in flight for tens of milliseconds (the intake p99 was made of them). Call it
 * only when another connection runs `checkpointWal` regularly.
 */
export function handOffCheckpoints(db: StoreDb): void {
  db.sqlite.pragma(`wal_autocheckpoint = ${CHECKPOINT_SAFETY_FRAMES}`);
}

export type CheckpointResult = { frames: number; copied: number; busy: boolean };

/**
 * Copies committed WAL frames back into the database file without blocking writers or readers
 * (a PASSIVE checkpoint); the next writer then starts the WAL over. Cheap when there is nothing to copy.
 */
export function checkpointWal(db: StoreDb): CheckpointResult {
  return runCheckpoint(db, 'PASSIVE');
}

function runCheckpoint(db: StoreDb, mode: 'PASSIVE' | 'RESTART'): CheckpointResult {
  const rows = db.sqlite.pragma(`wal_checkpoint(${mode})`) as {
    busy: number;
    log: number;
    checkpointed: number;
  }[];
  const row = rows[0] ?? { busy: 0, log: 0, checkpointed: 0 };
  return {
    frames: Math.max(0, row.log),
    copied: Math.max(0, row.checkpointed),
    busy: row.busy !== 0,
  };
}

/**
 * WAL frames after which the checkpointing thread also starts the log over (`restartWal`), the
 * same 8,000 frames (~32 MB) at which a connection would checkpoint by itself.
 */
export const RESTART_WAL_AFTER_FRAMES = 8_000;

/**
 * Copies what is left of the WAL and starts it over (a RESTART checkpoint), waiting up to
 * `waitMs` for the write lock and again for readers of older frames to finish. A PASSIVE checkpoint cannot do this while a
 * writer keeps committing: the log restarts only when a writer begins after a checkpoint copied
 * every frame, so under a steady stream of intake it only grew, until the writing connection's
 * own safety-net checkpoint (64,000 frames, ~260 MB) stalled it for 50–130 ms. Run right after
 * a PASSIVE checkpoint, little is left to copy: it held the write lock 0–13 ms in the bench, once
 * 25 ms (a reader outlasted the wait).
 * `busy` in the answer: the wait ran out (a writer or a reader); whatever could be copied was,
 * the log was not restarted, and the next call tries again.
 */
export function restartWal(db: StoreDb, waitMs: number): CheckpointResult {
  const busyTimeoutMs = Number(db.sqlite.pragma('busy_timeout', { simple: true })) || 0;
  // A pragma, not a prepared statement: SQLite applies busy_timeout when the pragma runs.
  db.sqlite.pragma(`busy_timeout = ${Math.max(0, Math.floor(waitMs))}`);
  try {
    return runCheckpoint(db, 'RESTART');
  } finally {
    db.sqlite.pragma(`busy_timeout = ${busyTimeoutMs}`);
  }
}
