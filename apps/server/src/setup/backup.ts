import { openDatabase } from '@trellis/store';

/**
 * Copies a consistent snapshot of a live database with SQLite's online backup API (page by
 * page; WAL readers and the serving process are never blocked). Returns the page count.
 */
export async function backupDatabase(dbFile: string, target: string): Promise<number> {
  const db = openDatabase(dbFile, { readonly: true });
  try {
    const progress = await db.sqlite.backup(target);
    return progress.totalPages;
  } finally {
    db.close();
  }
}

/** Why a file is not an intact Trellis database, or null when it is. */
export function checkBackup(file: string): string | null {
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
