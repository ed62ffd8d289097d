import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from '../schema/index';
import { registerBulkFlag } from '../sqlite/bulk-flag';
import { migrationsFolder } from './migrations-folder';

type StoreSchema = typeof schema;

/** An open Trellis database: the raw driver, the drizzle handle over the system tables, and helpers. */
export type StoreDb = {
  dialect: 'sqlite';
  sqlite: Database.Database;
  orm: BetterSQLite3Database<StoreSchema>;
  /** Runs `fn` in a transaction (a savepoint when nested); rolls back if it throws. */
  transaction<T>(fn: () => T): T;
  /**
   * Runs `fn` inside the open transaction with the nested `transaction()` calls it makes
   * flattened into it: no savepoint each. A savepoint copies every page it touches to the
   * statement journal and makes the search index flush a segment, which is most of the cost of
   * a batch of small writes. The price: a nested call that throws cannot be undone alone, so the
   * answer says `broken` and the caller must roll the whole transaction back.
   */
  flattened<T>(fn: () => T): { value: T; broken: boolean };
  close(): void;
};

export type OpenOptions = {
  busyTimeoutMs?: number;
  readonly?: boolean;
  /** A throwaway database (tests): no fsync at all. */
  scratch?: boolean;
  /** Where the system migrations are; default: the package's `drizzle/` folder (found next to the code). */
  migrationsFolder?: string;
};

/**
 * Opens (or creates) a SQLite database, sets the pragmas Trellis relies on and applies the
 * checked-in system migrations. Entity tables are created later by publishing a spec.
 */
export function openDatabase(file: string, options: OpenOptions = {}): StoreDb {
  const sqlite = new Database(file, { readonly: options.readonly ?? false });
  if (file !== ':memory:' && !options.readonly) {
    sqlite.pragma('journal_mode = WAL');
    // Truncate the WAL back to 64 MB after a checkpoint (a big import or migration can grow it a lot).
    sqlite.pragma('journal_size_limit = 67108864');
    // Checkpoint every ~32 MB of WAL instead of SQLite's 4 MB: a record write touches ~40 pages
    // (table, indexes, search, journal tables), so the default ran a checkpoint (copy + fsync of
    // the database file) inside some commit every ~25 records; fewer, larger checkpoints copy
    // each hot index page once per checkpoint instead of once per 4 MB.
    sqlite.pragma('wal_autocheckpoint = 8000');
  }
  sqlite.pragma(options.scratch ? 'synchronous = OFF' : 'synchronous = NORMAL');
  // Savepoints (nested writes outside `flattened`) and multi-row statements copy each page they
  // touch to a statement journal; kept in memory instead of a temp file, intake ran ~15 % faster.
  sqlite.pragma('temp_store = MEMORY');
  // 32 MiB page cache instead of 2 MiB: the hot index pages of a busy entity table stay in
  // memory instead of being re-read from the OS on every write.
  sqlite.pragma('cache_size = -32768');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? 5000))}`);
  // The report triggers read it (sqlite/bulk-flag.ts): before any write, migrations included.
  registerBulkFlag(sqlite);
  const orm = drizzle(sqlite, { schema });
  if (!options.readonly) {
    migrate(orm, { migrationsFolder: options.migrationsFolder ?? migrationsFolder() });
    // Keep planner statistics fresh (entity lists rely on them to pick the right index);
    // analysis_limit bounds the cost on big tables. SQLite's recommendation for long-lived connections.
    sqlite.pragma('analysis_limit = 1000');
    if (!options.scratch) sqlite.pragma('optimize = 0x10002');
  }
  // One wrapper for every call: better-sqlite3 builds four closures per transaction() call.
  const inTransaction = sqlite.transaction((fn: () => unknown) => fn());
  let flat: { broken: boolean } | null = null;
  return {
    dialect: 'sqlite',
    sqlite,
    orm,
    transaction: <T>(fn: () => T): T => {
      if (flat === null || !sqlite.inTransaction) return inTransaction(fn) as T;
      try {
        return fn();
      } catch (error) {
        flat.broken = true;
        throw error;
      }
    },
    flattened: <T>(fn: () => T): { value: T; broken: boolean } => {
      if (!sqlite.inTransaction) throw new Error('flattened() runs inside an open transaction');
      const outer = flat;
      const state = { broken: false };
      flat = state;
      try {
        return { value: fn(), broken: state.broken };
      } finally {
        flat = outer;
        if (outer && state.broken) outer.broken = true;
      }
    },
    close: () => {
      if (sqlite.open && !options.readonly && !options.scratch) sqlite.pragma('optimize');
      sqlite.close();
    },
  };
}
