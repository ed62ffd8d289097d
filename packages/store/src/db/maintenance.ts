import Database from 'better-sqlite3';
import { openDatabase } from './open-database';

/**
 * Copies a consistent snapshot of a live database with SQLite's online backup API (page by
 * page; WAL readers and the serving process are never blocked). Returns the page count.
 */
export async function backupDatabase(file: string, target: string): Promise<number> {
  const db = new Database(file, { readonly: true });
  try {
    const progress = await db.backup(target);
    return progress.totalPages;
  } finally {
    db.close();
  }
}

/** Why a file is not an intact Trellis database, or null when it is. */
export function checkDatabase(file: string): string | null {
  try {
    const db = openDatabase(file, { readonly: true });
    try {
      const ok = db.sqlite.pragma('integrity_check', { simple: true });
      if (ok !== 'ok') return String(ok);
      db.sqlite.prepare('SELECT count(*) FROM spec_versions').get();
      return null;
    } finally {
      db.close();
    }
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

/** Storage paths (relative to the files folder) of the uploads a database references. */
export function referencedFiles(file: string): string[] {
  const db = new Database(file, { readonly: true });
  try {
    return (
      db.prepare('SELECT DISTINCT storage_path AS p FROM files ORDER BY p').all() as { p: string }[]
    ).map((r) => r.p);
  } finally {
    db.close();
  }
}

/**
 * Makes a database file self-contained before it is moved: folds its write-ahead log into it
 * and leaves rollback-journal mode, which SQLite allows only when no other connection (in any
 * process) has the file open. Answers false — and changes nothing — when one does: the caller
 * must not move or delete the file or its WAL then.
 */
export function detachDatabase(file: string): boolean {
  const db = new Database(file, { timeout: 0 });
  try {
    const mode = db.pragma('journal_mode = DELETE', { simple: true });
    return mode === 'delete';
  } catch (error) {
    if ((error as { code?: string }).code === 'SQLITE_BUSY') return false;
    throw error;
  } finally {
    db.close();
  }
}
