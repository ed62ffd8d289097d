import { openStore } from '@trellis/store';

/**
 * Copies a consistent snapshot of a live database (SQLite's online backup API, page by page:
 * WAL readers and the serving process are never blocked). Returns the page count.
 */
export async function backupDatabase(dbFile: string, target: string): Promise<number> {
  const store = await openStore({ url: dbFile, readOnly: true });
  try {
    return await store.maintenance.backupTo(target);
  } finally {
    await store.close();
  }
}

/** Why a file is not an intact Trellis database, or null when it is. */
export async function checkBackup(file: string): Promise<string | null> {
  try {
    const store = await openStore({ url: file, readOnly: true });
    try {
      return await store.maintenance.integrity();
    } finally {
      await store.close();
    }
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}
