import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '@trellis/store';
import { afterEach, describe, expect, it } from 'vitest';
import { commitQueueGauge, createGroupCommit } from './group-commit';

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('group commit', () => {
  it('commits a turn of submissions together, rolls back a failing one alone, and settles after the commit', async () => {
    dir = mkdtempSync(join(tmpdir(), 'group-commit-'));
    const file = join(dir, 'db.sqlite');
    const db = openDatabase(file);
    db.sqlite.exec('CREATE TABLE t (v TEXT)');
    const reader = openDatabase(file, { readonly: true });
    const visible = () =>
      (reader.sqlite.prepare('SELECT v FROM t ORDER BY v').all() as { v: string }[]).map(
        (r) => r.v,
      );
    const group = createGroupCommit(db);
    const put = (v: string, fail = false) =>
      group(() => {
        db.sqlite.prepare('INSERT INTO t (v) VALUES (?)').run(v);
        if (fail) throw new Error(`boom ${v}`);
        return v;
      }).then((value) => ({ value, seenByOtherConnection: visible() }));
    const results = await Promise.allSettled([put('a'), put('b', true), put('c')]);
    expect(results[0]).toEqual({
      status: 'fulfilled',
      value: { value: 'a', seenByOtherConnection: ['a', 'c'] },
    });
    expect(results[1]).toMatchObject({ status: 'rejected', reason: new Error('boom b') });
    expect(results[2]).toMatchObject({ status: 'fulfilled', value: { value: 'c' } });
    expect(visible()).toEqual(['a', 'c']);
    reader.close();
    db.close();
  });

  it('undoes the partial writes of a job that caught its own failed nested transaction, and keeps its batch-mates', async () => {
    dir = mkdtempSync(join(tmpdir(), 'group-commit-'));
    const db = openDatabase(join(dir, 'db.sqlite'));
    db.sqlite.exec('CREATE TABLE t (v TEXT)');
    const group = createGroupCommit(db);
    const insert = (v: string) => db.sqlite.prepare('INSERT INTO t (v) VALUES (?)').run(v);
    // Like the engine's guard: the error inside the nested transaction becomes a returned failure.
    const guarded = (v: string, fail: boolean) =>
      group(() => {
        try {
          return db.transaction(() => {
            insert(`${v}-row`);
            insert(`${v}-journal`);
            if (fail) throw new Error('constraint');
            return 'ok';
          });
        } catch {
          return 'failed';
        }
      });
    const results = await Promise.all([
      guarded('a', false),
      guarded('b', true),
      guarded('c', false),
    ]);
    expect(results).toEqual(['ok', 'failed', 'ok']);
    expect(
      (db.sqlite.prepare('SELECT v FROM t ORDER BY v').all() as { v: string }[]).map((r) => r.v),
    ).toEqual(['a-journal', 'a-row', 'c-journal', 'c-row']);
    // A clean batch after the redo goes back to the fast pass and still commits.
    await expect(guarded('d', false)).resolves.toBe('ok');
    expect(db.sqlite.inTransaction).toBe(false);
    expect((db.sqlite.prepare('SELECT count(*) AS n FROM t').get() as { n: number }).n).toBe(6);
    db.close();
  });

  it('counts the submissions waiting for or in a commit in shared memory, back to zero once settled', async () => {
    dir = mkdtempSync(join(tmpdir(), 'group-commit-'));
    const db = openDatabase(join(dir, 'db.sqlite'));
    db.sqlite.exec('CREATE TABLE t (v TEXT)');
    const gauge = commitQueueGauge();
    expect(gauge.buffer).toBeInstanceOf(SharedArrayBuffer);
    const group = createGroupCommit(db, { gauge });
    const seen: number[] = [];
    const put = (v: string, fail = false) =>
      group(() => {
        seen.push(Atomics.load(gauge, 0));
        db.sqlite.prepare('INSERT INTO t (v) VALUES (?)').run(v);
        if (fail) throw new Error('boom');
      });
    const all = Promise.allSettled([put('a'), put('b', true), put('c')]);
    expect(Atomics.load(gauge, 0)).toBe(3);
    await all;
    // Counted while written (the failing one too, in both passes), released after the commit.
    expect(seen.every((n) => n === 3)).toBe(true);
    expect(Atomics.load(gauge, 0)).toBe(0);
    db.close();
  });

  it('waits for a write lock held by another connection without blocking the event loop, then commits', async () => {
    dir = mkdtempSync(join(tmpdir(), 'group-commit-'));
    const file = join(dir, 'db.sqlite');
    const db = openDatabase(file);
    db.sqlite.exec('CREATE TABLE t (v TEXT)');
    const other = openDatabase(file);
    other.sqlite.exec('BEGIN IMMEDIATE');
    other.sqlite.prepare('INSERT INTO t (v) VALUES (?)').run('other');
    const group = createGroupCommit(db);
    let settled = false;
    const pending = group(
      () => db.sqlite.prepare('INSERT INTO t (v) VALUES (?)').run('mine').changes,
    ).then((n) => {
      settled = true;
      return n;
    });
    // Timers keep firing while the lock is held elsewhere: the flush did not block in the busy handler.
    const started = performance.now();
    await new Promise((r) => setTimeout(r, 30));
    expect(performance.now() - started).toBeLessThan(1000);
    expect(settled).toBe(false);
    expect(db.sqlite.inTransaction).toBe(false);
    expect(db.sqlite.pragma('busy_timeout', { simple: true })).toBe(5000);
    other.sqlite.exec('COMMIT');
    await expect(pending).resolves.toBe(1);
    expect(
      (db.sqlite.prepare('SELECT v FROM t ORDER BY v').all() as { v: string }[]).map((r) => r.v),
    ).toEqual(['mine', 'other']);
    other.close();
    db.close();
  });
});
