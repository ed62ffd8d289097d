/** What a WAL checkpoint did (SQLite); PostgreSQL answers zeros. */
export type CheckpointResult = { frames: number; copied: number; busy: boolean };

/** Upkeep of the database itself. */
export type Maintenance = {
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
