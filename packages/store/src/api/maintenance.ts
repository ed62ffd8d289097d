/** What a WAL checkpoint did (SQLite); PostgreSQL answers zeros. */
export type CheckpointResult = { frames: number; copied: number; busy: boolean };

/** A lock held by this process until released or until the process (or its connection) dies. */
export type StoreLock = {
  /** False once the lock is lost (released, or the connection holding it broke). */
  held(): boolean;
  release(): Promise<void>;
};

/** Upkeep of the database itself, and coordination between the processes that share it. */
export type Maintenance = {
  /**
   * Takes the lock `name` if no other holder has it, across every process on this database, or
   * answers null at once. PostgreSQL: a session advisory lock on a connection of its own, freed
   * by `release()` or when the process dies (one scheduler leader per cluster); SQLite: one
   * server process per data file, so the lock is local to this thread (where the scheduler runs).
   */
  tryLock(name: string): Promise<StoreLock | null>;
  /**
   * Copies the write-ahead log into the database file without blocking anyone (SQLite PASSIVE),
   * and starts the log over once it has grown past `restartAfterFrames` (waiting at most
   * `waitMs` for readers). Run it off the writer's thread, regularly. No-op on PostgreSQL.
   */
  checkpoint(opts?: { restartAfterFrames?: number; waitMs?: number }): Promise<CheckpointResult>;
  /** A consistent copy of the database while it is in use (SQLite online backup); page count. */
  backupTo(file: string): Promise<number>;
  /** Why the database is not intact, or null when it is. */
  integrity(): Promise<string | null>;
};
