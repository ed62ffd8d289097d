import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  CHECKPOINT_SAFETY_FRAMES,
  checkpointWal,
  handOffCheckpoints,
  openDatabase,
  restartWal,
} from '../sync-sqlite';
import type { StoreDb } from '../sync-sqlite';

let dir: string | undefined;
const open: StoreDb[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

/** Writes `n` commits of ~40 KiB each, so every commit adds ~10 WAL frames. */
function writeCommits(db: StoreDb, n: number): void {
  const insert = db.sqlite.prepare('INSERT INTO t (body) VALUES (?)');
  for (let i = 0; i < n; i++) insert.run('x'.repeat(40_000) + i);
}

/** Frames in the WAL file, read from its size (a checkpoint query would copy them). */
const walFrames = (file: string) => Math.floor((statSync(`${file}-wal`).size - 32) / (4096 + 24));

describe('WAL checkpoints handed to another connection', () => {
  it('the writer stops checkpointing itself; the other connection copies every frame without blocking it', () => {
    dir = mkdtempSync(join(tmpdir(), 'trellis-ckpt-'));
    const file = join(dir, 'trellis.db');
    const writer = openDatabase(file);
    const checkpointer = openDatabase(file);
    open.push(writer, checkpointer);
    writer.sqlite.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT)');
    handOffCheckpoints(writer);
    expect(writer.sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(
      CHECKPOINT_SAFETY_FRAMES,
    );

    // Past the threshold a connection checkpoints at by default (8,000 frames), the writer's
    // WAL keeps growing: no checkpoint ran inside its commits.
    writeCommits(writer, 1000);
    expect(walFrames(file)).toBeGreaterThan(9000);

    const done = checkpointWal(checkpointer);
    expect(done.busy).toBe(false);
    expect(done.frames).toBeGreaterThan(9000);
    expect(done.copied).toBe(done.frames);

    // The next write starts the WAL over, so it does not keep growing.
    writeCommits(writer, 1);
    const after = checkpointWal(checkpointer);
    expect(after.frames).toBeLessThan(50);
    expect((writer.sqlite.prepare('SELECT count(*) AS n FROM t').get() as { n: number }).n).toBe(
      1001,
    );
  });

  it('a restart starts a WAL over that commits between passive checkpoints kept growing, and waits for readers only so long', () => {
    dir = mkdtempSync(join(tmpdir(), 'trellis-ckpt-'));
    const file = join(dir, 'trellis.db');
    const writer = openDatabase(file);
    const checkpointer = openDatabase(file);
    const reader = openDatabase(file);
    open.push(writer, checkpointer, reader);
    writer.sqlite.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT)');
    handOffCheckpoints(writer);
    const count = () =>
      (reader.sqlite.prepare('SELECT count(*) AS n FROM t').get() as { n: number }).n;

    // A reader holds an old snapshot while the writer goes on: passive checkpoints copy what
    // they may, the log is never started over.
    writeCommits(writer, 100);
    reader.sqlite.exec('BEGIN');
    expect(count()).toBe(100);
    for (let round = 0; round < 5; round++) {
      writeCommits(writer, 100);
      checkpointWal(checkpointer);
    }
    expect(walFrames(file)).toBeGreaterThan(5000);
    const blocked = restartWal(checkpointer, 0);
    expect(blocked.busy).toBe(true);
    expect(count()).toBe(100); // the reader's snapshot is intact
    reader.sqlite.exec('COMMIT');

    const done = restartWal(checkpointer, 50);
    expect(done).toMatchObject({ busy: false });
    expect(done.copied).toBe(done.frames);
    // The next commit writes at the start of the log again.
    writeCommits(writer, 1);
    expect(checkpointWal(checkpointer).frames).toBeLessThan(50);
    expect(count()).toBe(601);
    expect(checkpointer.sqlite.pragma('busy_timeout', { simple: true })).toBe(5000);
  });
});
