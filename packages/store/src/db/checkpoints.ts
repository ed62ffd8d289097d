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
  const rows = db.sqlite.pragma('wal_checkpoint(PASSIVE)') as { busy: number; log: number; checkpointed: number }[];
  const row = rows[0] ?? { busy: 0, log: 0, checkpointed: 0 };
  return { frames: Math.max(0, row.log), copied: Math.max(0, row.checkpointed), busy: row.busy !== 0 };
}
