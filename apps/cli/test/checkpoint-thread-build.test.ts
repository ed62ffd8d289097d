import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';

// The driver the built threads load (external to the bundle); the CLI has no types for it.
type Db = {
  pragma(sql: string): unknown;
  exec(sql: string): void;
  prepare(sql: string): { run(...params: unknown[]): unknown };
  close(): void;
};
const Database = createRequire(import.meta.url)('better-sqlite3') as new (file: string) => Db;
const dist = join(import.meta.dirname, '..', 'dist');
let dir: string | undefined;
afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

describe('the built checkpoint thread', () => {
  it('is its own small file, parsing none of the shared chunks at start', () => {
    const file = join(dist, 'checkpoint-thread.js');
    expect(readFileSync(file, 'utf8')).not.toMatch(/from ["']\.\/chunk-/);
    expect(statSync(file).size).toBeLessThan(16 * 1024);
  });

  it('checkpoints a database written in WAL mode and stops when asked', async () => {
    dir = mkdtempSync(join(tmpdir(), 'trellis-checkpoint-'));
    const dbFile = join(dir, 'db.sqlite');
    const db = new Database(dbFile);
    db.pragma('journal_mode = WAL');
    db.pragma('wal_autocheckpoint = 0');
    db.exec('CREATE TABLE t (x TEXT)');
    const insert = db.prepare('INSERT INTO t VALUES (?)');
    for (let i = 0; i < 200; i++) insert.run('x'.repeat(500));
    const sizeBefore = statSync(dbFile).size;
    const worker = new Worker(new URL(`file://${join(dist, 'checkpoint-thread.js')}`), {
      workerData: { dbFile },
    });
    try {
      // The thread's first tick copies the log back into the database file.
      await expect
        .poll(() => statSync(dbFile).size, { timeout: 10_000, interval: 50 })
        .toBeGreaterThan(sizeBefore);
      const stopped = new Promise((resolve) => worker.once('message', resolve));
      worker.postMessage('stop');
      expect(await stopped).toEqual({ stopped: true });
    } finally {
      await worker.terminate();
      db.close();
    }
  });
});
