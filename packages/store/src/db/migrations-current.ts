import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { migrationsFolder } from './migrations-folder';

/**
 * Whether the SQLite database at `file` already has every checked-in system migration, read
 * through a read-only connection (drizzle's own rule: a migration is applied when the newest
 * `created_at` in `__drizzle_migrations` is at least its folder time). A server whose database
 * is current can answer reads before its writer thread has started; a false answer (a new file,
 * a migration to apply, anything unreadable) means: wait for the writer.
 */
export function sqliteMigrationsCurrent(file: string, folder = migrationsFolder()): boolean {
  if (file === ':memory:' || !existsSync(file)) return false;
  const journal = JSON.parse(readFileSync(join(folder, 'meta', '_journal.json'), 'utf8')) as {
    entries: { when: number }[];
  };
  const newest = Math.max(0, ...journal.entries.map((e) => e.when));
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const row = db.prepare('SELECT max(created_at) AS at FROM __drizzle_migrations').get() as
      { at: number | null } | undefined;
    return Number(row?.at ?? 0) >= newest;
  } catch {
    return false;
  } finally {
    db?.close();
  }
}
