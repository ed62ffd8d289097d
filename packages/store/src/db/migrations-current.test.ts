import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from './open-database';
import { sqliteMigrationsCurrent } from './migrations-current';

const dirs: string[] = [];
const tempFile = () => {
  const dir = mkdtempSync(join(tmpdir(), 'trellis-mig-'));
  dirs.push(dir);
  return join(dir, 'trellis.db');
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('whether a SQLite database has every system migration', () => {
  it('says yes only once the migrations are applied, and no for a missing or foreign file', () => {
    const file = tempFile();
    expect(sqliteMigrationsCurrent(file)).toBe(false); // no file yet
    const plain = new Database(file);
    plain.exec('CREATE TABLE t (x)');
    plain.close();
    expect(sqliteMigrationsCurrent(file)).toBe(false); // a database without the migrations table
    openDatabase(file).close();
    expect(sqliteMigrationsCurrent(file)).toBe(true);
    // The newest migration forgotten: a server must wait for its writer to apply it.
    const db = new Database(file);
    db.exec(
      'DELETE FROM __drizzle_migrations WHERE created_at = (SELECT max(created_at) FROM __drizzle_migrations)',
    );
    db.close();
    expect(sqliteMigrationsCurrent(file)).toBe(false);
  });
});
