import Database from 'better-sqlite3';

/** A held lock; `release` is idempotent. */
export type FileLock = { release(): void };

/** How a lock is held: `shared` by processes that use a data directory, `exclusive` by one that replaces it. */
export type LockMode = 'shared' | 'exclusive';

export type LockResult = { ok: true; lock: FileLock } | { ok: false };

/**
 * Takes a reader/writer lock on `file` without waiting: any number of `shared` holders, or one
 * `exclusive` holder. Built on SQLite's own file locks over an empty lock database, so the
 * operating system releases it when the holding process ends, even by SIGKILL: there is never a
 * stale lock file to clean up. Within one process each call is its own holder.
 * @example const held = lockFile(join(dir, 'trellis.lock'), 'exclusive'); if (!held.ok) refuse();
 */
export function lockFile(file: string, mode: LockMode): LockResult {
  const db = new Database(file, { timeout: 0 });
  try {
    if (mode === 'exclusive') db.exec('BEGIN EXCLUSIVE');
    else {
      // An open read transaction holds SQLite's SHARED lock until it ends.
      db.exec('BEGIN');
      db.prepare('SELECT count(*) FROM sqlite_master').get();
    }
  } catch (error) {
    db.close();
    if ((error as { code?: string }).code === 'SQLITE_BUSY') return { ok: false };
    throw error;
  }
  let held = true;
  return {
    ok: true,
    lock: {
      release() {
        if (!held) return;
        held = false;
        db.close();
      },
    },
  };
}
