import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type NewNotification, type NewOutboxEvent, type Store } from '../src/index';
import { migratedDatabase, releaseDatabase } from './pg-databases';

const event = (id: string): NewOutboxEvent => ({
  id,
  type: 'record.created',
  entity: 'lead',
  recordId: 'r1',
  payload: {},
  actorId: null,
  via: 'api',
  depth: 0,
  createdAt: 1,
});

const notification = (id: string): NewNotification => ({
  id,
  userId: 'u1',
  kind: 'task.assigned',
  title: 't',
  body: null,
  entity: 'lead',
  recordId: 'r1',
  payload: {},
  createdAt: 1,
});

const until = async (ok: () => boolean, ms = 10_000) => {
  for (const t0 = Date.now(); !ok();) {
    if (Date.now() - t0 > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
};

// What several server processes on one database rely on beyond the contract suite.
describe.runIf(process.env.TRELLIS_TEST_PG_URL)('postgres: processes on one database', () => {
  let url: string;
  let a: Store;
  let b: Store;
  beforeEach(async () => {
    url = (await migratedDatabase())!;
    a = await openStore({ url });
    b = await openStore({ url, readOnly: true });
  });
  afterEach(async () => {
    await a.close();
    await b.close();
    await releaseDatabase(url);
  });

  it('wakes the listeners of another store when events commit there, not before the commit', async () => {
    let woken = 0;
    const off = b.onCommit(() => woken++);
    await new Promise((r) => setTimeout(r, 300)); // the LISTEN connection opens in the background
    let inside = -1;
    await a.transaction(async (tx) => {
      await tx.outbox.append(event('e1'));
      expect(await tx.outbox.appendOnce(event('e2'))).toBe(true);
      expect(await tx.outbox.appendOnce(event('e2'))).toBe(false);
      await new Promise((r) => setTimeout(r, 200));
      inside = woken;
    });
    await until(() => woken > 0);
    expect(inside).toBe(0);
    off();
  });

  it('frees the leader lock when the process holding it dies (its connection ends)', async () => {
    const lock = await a.maintenance.tryLock('scheduler');
    expect(lock?.held()).toBe(true);
    expect(await b.maintenance.tryLock('scheduler')).toBeNull();
    // What a SIGKILL looks like to the server: the holder's session ends.
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'trellis-lock' AND datname = current_database()",
    );
    await admin.end();
    await until(() => !lock!.held());
    const next = await b.maintenance.tryLock('scheduler');
    expect(next?.held()).toBe(true);
    await next!.release();
  });

  it('never lets a stream skip an event whose transaction commits after a later one', async () => {
    // Two writers interleave: the first takes seq 1 and stays open, the second takes seq 2 and
    // commits. A reader that moved its cursor to seq 2 would never see seq 1.
    const seen: number[] = [];
    let cursor = await b.outbox.head();
    const read = async () => {
      for (const h of await b.outbox.since(cursor, 100)) {
        seen.push(h.seq);
        cursor = h.cursor;
      }
    };
    let commitFirst!: () => void;
    const held = new Promise<void>((r) => (commitFirst = r));
    let appended!: () => void;
    const firstIn = new Promise<void>((r) => (appended = r));
    const first = a.transaction(async (tx) => {
      await tx.outbox.append(event('slow'));
      appended();
      await held;
    });
    await firstIn;
    const fast = await a.outbox.append(event('fast'));
    await read();
    const whileOpen = [...seen];
    commitFirst();
    await first;
    await read();
    const seqs = (await a.tables.rows('outbox')).map((r) => Number(r.seq)).sort();
    expect(seqs).toEqual([1, 2]);
    expect(fast).toBe(2);
    expect(seen.sort()).toEqual([1, 2]);
    // Neither came through while the older transaction was open: it holds the stream back.
    expect(whileOpen).toEqual([]);
    await read();
    expect(seen).toHaveLength(2); // each event once
  });

  it('holds no stream back for a transaction open in another database of the server', async () => {
    // Transaction ids are shared by the server's databases: a stream that waited for the oldest
    // one running anywhere stalled while another workspace (or another test's seed) ran long.
    const otherUrl = (await migratedDatabase())!;
    const other = new pg.Client({ connectionString: otherUrl });
    await other.connect();
    try {
      await other.query('BEGIN');
      await other.query('SELECT pg_current_xact_id()'); // older than every id written below
      const head = await b.outbox.head();
      await a.outbox.append(event('here'));
      expect((await b.outbox.since(null, 10)).length).toBe(1);
      expect((await b.outbox.since(head, 10)).length).toBe(1);
      await a.notifications.insert(notification('n1'));
      expect((await b.notifications.since('u1', null, 10)).map((n) => n.id)).toEqual(['n1']);
      await other.query('ROLLBACK');
    } finally {
      await other.end();
      await releaseDatabase(otherUrl);
    }
  });

  it('holds a stream back for a transaction here that wrote elsewhere before its event', async () => {
    // Its id was taken by its first write, not by the outbox insert: the horizon must count it
    // from then on, or a reader would move past it before the event exists.
    const seen: string[] = [];
    let cursor = await b.outbox.head();
    const read = async () => {
      const rows = await a.tables.rows('outbox');
      const idOf = new Map(rows.map((r) => [Number(r.seq), String(r.id)]));
      for (const h of await b.outbox.since(cursor, 100)) {
        seen.push(idOf.get(h.seq)!);
        cursor = h.cursor;
      }
    };
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let wrote!: () => void;
    const firstWrite = new Promise<void>((r) => (wrote = r));
    const slow = a.transaction(async (tx) => {
      await tx.notifications.insert(notification('n-slow'));
      wrote();
      await held;
      await tx.outbox.append(event('late'));
    });
    await firstWrite;
    await a.outbox.append(event('fast'));
    await read();
    expect(seen).toEqual([]); // the open transaction is older than `fast`
    release();
    await slow;
    await read();
    expect(seen).toEqual(['late', 'fast']);
  });

  // The engine reads the live spec through the store while an automation transaction holds
  // row locks; intake transactions queued behind those locks once held every connection, so
  // that read waited for a connection forever (a deadlock PostgreSQL cannot see).
  it('answers a read outside a transaction while every transaction waits for its locks', async () => {
    await a.outbox.append(event('hot'));
    const [hot] = await a.outbox.since(null, 1);
    let blocked: Promise<unknown>[] = [];
    const pending = await a.transaction(async (tx) => {
      await tx.outbox.finish(hot!.seq, 5); // holds the row's lock until the commit
      // More transactions than connections: each waits for that lock, the last for a connection.
      blocked = Array.from({ length: 12 }, () =>
        a.transaction((t) => t.outbox.putBack(hot!.seq, 'late', 0, false, 6)),
      );
      await until(() => a.waiting() > 0);
      return a.outbox.pending();
    });
    expect(pending).toBe(1); // the read sees what was committed: `hot` unfinished
    await Promise.all(blocked);
    // They ran after the commit and found the event finished: nothing to put back.
    expect(await a.outbox.pending()).toBe(0);
    const [row] = await a.tables.rows('outbox');
    expect(row).toMatchObject({ id: 'hot', last_error: null });
  });

  it('starts a stream at the head: an event still in flight then arrives, a committed one does not', async () => {
    await a.outbox.append(event('before'));
    let commit!: () => void;
    const held = new Promise<void>((r) => (commit = r));
    let appended!: () => void;
    const inFlight = new Promise<void>((r) => (appended = r));
    const open = a.transaction(async (tx) => {
      await tx.outbox.append(event('during'));
      appended();
      await held;
    });
    await inFlight;
    const cursor = await b.outbox.head();
    commit();
    await open;
    await a.outbox.append(event('after'));
    const rows = await a.tables.rows('outbox');
    const idOf = new Map(rows.map((r) => [Number(r.seq), r.id]));
    const got = (await b.outbox.since(cursor, 10)).map((h) => idOf.get(h.seq));
    expect(got).toEqual(['during', 'after']);
  });
});
