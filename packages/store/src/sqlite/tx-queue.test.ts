import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type StoreDb } from '../sync-sqlite';
import { createTxQueue } from './tx-queue';

let dir: string | undefined;
const open: StoreDb[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

function twoConnections(busyTimeoutMs: number) {
  dir = mkdtempSync(join(tmpdir(), 'trellis-txq-'));
  const file = join(dir, 'trellis.db');
  const writer = openDatabase(file, { busyTimeoutMs });
  const other = openDatabase(file);
  open.push(writer, other);
  writer.sqlite.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)');
  const busy = () => writer.sqlite.pragma('busy_timeout', { simple: true });
  return { writer, other, busy };
}

describe('the transaction queue takes the write lock without blocking its thread', () => {
  it('waits on a timer while another connection holds the lock, then commits with the busy timeout back', async () => {
    const { writer, other, busy } = twoConnections(5000);
    const queue = createTxQueue(writer.sqlite, { busyTimeoutMs: 5000, retryMs: 1 });
    other.sqlite.exec('BEGIN IMMEDIATE');
    let committed = false;
    const done = queue
      .submit(async () => writer.sqlite.prepare("INSERT INTO t (v) VALUES ('a')").run())
      .then(() => (committed = true));
    // Timers still fire while the write waits: BEGIN was tried without SQLite's busy handler
    // (which would sleep in this thread for up to 5 s).
    const t0 = performance.now();
    await new Promise((r) => setTimeout(r, 30));
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(committed).toBe(false);
    // Reads on the writer's connection outside the queue (relaxed first, as the store does)
    // still wait for locks as configured.
    queue.relax();
    expect(busy()).toBe(5000);
    other.sqlite.exec('COMMIT');
    await done;
    queue.relax();
    expect(writer.sqlite.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 1 });
    expect(busy()).toBe(5000);
  });

  it('keeps the busy timeout at 0 between transactions until the connection is used outside the queue', async () => {
    const { writer, other, busy } = twoConnections(1234);
    const queue = createTxQueue(writer.sqlite, { busyTimeoutMs: 1234 });
    for (let i = 0; i < 3; i++) {
      await queue.submit(async () =>
        writer.sqlite.prepare('INSERT INTO t (v) VALUES (?)').run(String(i)),
      );
      // Not set back after each transaction: the next BEGIN needs it at 0 again.
      expect(busy()).toBe(0);
    }
    queue.relax();
    expect(busy()).toBe(1234);
    // The next transaction still takes the lock without the busy handler: it waits on a timer.
    other.sqlite.exec('BEGIN IMMEDIATE');
    const done = queue.submit(async () =>
      writer.sqlite.prepare("INSERT INTO t (v) VALUES ('late')").run(),
    );
    const t0 = performance.now();
    await new Promise((r) => setTimeout(r, 30));
    expect(performance.now() - t0).toBeLessThan(1000);
    other.sqlite.exec('COMMIT');
    await done;
    queue.relax();
    expect(writer.sqlite.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 4 });
    expect(busy()).toBe(1234);
  });
});
