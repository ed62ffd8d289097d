import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type NewOutboxEvent, type Store } from '../src/index';
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
});
