/** What a WAL checkpoint did (SQLite); PostgreSQL answers zeros. */
export type CheckpointResult = { frames: number; copied: number; busy: boolean };

/** A lock held by this process until released or until the process (or its connection) dies. */
export type StoreLock = {
  /** False once the lock is lost (released, or the connection holding it broke). */
  held(): boolean;
  release(): Promise<void>;
};

/** A fixed window of a rate limit: when it started and how many hits it has counted. */
export type HitWindow = { start: number; count: number };

/**
 * Fixed-window hit counters for rate limits (login attempts, public intake per address).
 * PostgreSQL: one row per key in an unlogged table, so every server process on the database
 * counts together; SQLite: in this process's memory, per database file (one server per file).
 */
export type HitCounter = {
  /** Counts one hit of `key`; a window older than `windowMs` starts over. Answers the window. */
  hit(key: string, windowMs: number, now: number): Promise<HitWindow>;
  /** The current window of `key` without counting, or null when none is open. */
  peek(key: string, windowMs: number, now: number): Promise<HitWindow | null>;
  /** Drops the key's window (a successful login clears its failures). */
  forget(key: string): Promise<void>;
};

declare const settledRead: unique symbol;
/**
 * A report read the writer runs after its settle. Opaque outside the store: it carries the
 * store's own statement (sqlite/settled-reads.ts), which a reader's process only passes on to its
 * writer (a plain object, so it crosses a thread's message).
 */
export type SettledRead = { readonly [settledRead]: true };

/** Upkeep of the database itself, and coordination between the processes that share it. */
export type Maintenance = {
  /**
   * SQLite: settles every record whose report rows wait (sqlite/report-settle.ts) in a writer
   * transaction, then runs `read` there and answers its rows (null without one): what a
   * read-only store's report reads ask of the writer (OpenStoreOptions.settleReports). A reader
   * refuses it; PostgreSQL keeps its rows in the writes and answers null.
   */
  settleReports(read: SettledRead | null): Promise<unknown>;
  /** Rate-limit counters shared by the processes that share the database (see HitCounter). */
  hits: HitCounter;
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
  /**
   * Statements this store has sent to the database server so far: on PostgreSQL each one is a
   * round trip, the cost benches divide by the work done. SQLite has no server: 0.
   */
  statements(): number;
};
