import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { lockFile } from './data-lock';
import { detachDatabase } from './maintenance';
import { openDatabase } from './open-database';

const dir = mkdtempSync(join(tmpdir(), 'trellis-lock-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const PACKAGE = join(dirname(fileURLToPath(import.meta.url)), '../..');

describe('lockFile', () => {
  it('lets many share the lock or one hold it alone, and frees it on release', () => {
    const file = join(dir, 'a.lock');
    const a = lockFile(file, 'shared');
    const b = lockFile(file, 'shared');
    expect(a.ok && b.ok).toBe(true);
    expect(lockFile(file, 'exclusive').ok).toBe(false);
    if (a.ok) a.lock.release();
    expect(lockFile(file, 'exclusive').ok).toBe(false);
    if (b.ok) b.lock.release();
    const x = lockFile(file, 'exclusive');
    expect(x.ok).toBe(true);
    expect(lockFile(file, 'shared').ok).toBe(false);
    expect(lockFile(file, 'exclusive').ok).toBe(false);
    if (x.ok) {
      x.lock.release();
      x.lock.release();
    }
    const again = lockFile(file, 'shared');
    expect(again.ok).toBe(true);
    if (again.ok) again.lock.release();
  });

  it('is held by another process and let go when that process is killed', async () => {
    const file = join(dir, 'b.lock');
    // A process that takes the lock the way lockFile does, says so, and waits to be killed.
    const child = spawn(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import Database from 'better-sqlite3';
         const db = new Database(${JSON.stringify(file)}, { timeout: 0 });
         db.exec('BEGIN'); db.prepare('SELECT count(*) FROM sqlite_master').get();
         console.log('held'); setInterval(() => {}, 1000);`,
      ],
      { cwd: PACKAGE, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    expect(lockFile(file, 'exclusive').ok).toBe(false);
    const shared = lockFile(file, 'shared');
    expect(shared.ok).toBe(true);
    if (shared.ok) shared.lock.release();
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    const after = lockFile(file, 'exclusive');
    expect(after.ok).toBe(true);
    if (after.ok) after.lock.release();
  });
});

describe('detachDatabase', () => {
  it('refuses while another connection has the database open; alone, it leaves WAL mode with the data intact', () => {
    const file = join(dir, 'd.db');
    const open = openDatabase(file);
    open.sqlite.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1)');
    expect(existsSync(`${file}-wal`)).toBe(true);
    expect(detachDatabase(file)).toBe(false);
    expect(existsSync(`${file}-wal`)).toBe(true);
    open.close();
    const reopened = openDatabase(file);
    reopened.sqlite.exec('INSERT INTO t VALUES (2)');
    reopened.close();
    expect(detachDatabase(file)).toBe(true);
    expect(existsSync(`${file}-wal`)).toBe(false);
    const check = openDatabase(file, { readonly: true });
    expect(check.sqlite.pragma('journal_mode', { simple: true })).toBe('delete');
    expect(check.sqlite.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 2 });
    check.close();
  });
});
