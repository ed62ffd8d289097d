import { join } from 'node:path';
import Database from 'better-sqlite3';

/**
 * Removes every account from an initialised workspace (`<dataDir>/trellis.db`): the state of a
 * server whose first admin is still to be created through the setup page. No `trellis`
 * command makes it (init always creates an admin and nothing deletes the last one), so the
 * rows go straight through SQLite.
 */
export function removeAllUsers(dataDir: string): void {
  const db = new Database(join(dataDir, 'trellis.db'));
  try {
    // Memberships, sessions and saved views go with their user (ON DELETE CASCADE).
    db.pragma('foreign_keys = ON');
    db.exec('DELETE FROM users');
  } finally {
    db.close();
  }
}
