import { describe, expect, it } from 'vitest';
import type { StoreFactory } from './factory';

/** Coordination between processes on one database: the scheduler leader's lock. */
export function coordinationContract(factory: StoreFactory): void {
  describe(`${factory.dialect}: locks across stores`, () => {
    it('grants a lock to one holder at a time, across stores on the same database', async () => {
      const shared = await factory.open({ shared: true });
      const other = await shared.second();
      try {
        const lock = await shared.store.maintenance.tryLock('scheduler');
        expect(lock?.held()).toBe(true);
        expect(await other.maintenance.tryLock('scheduler')).toBeNull();
        expect(await shared.store.maintenance.tryLock('scheduler')).toBeNull();
        const unrelated = await other.maintenance.tryLock('sla');
        expect(unrelated?.held()).toBe(true);
        await lock!.release();
        expect(lock!.held()).toBe(false);
        const taken = await other.maintenance.tryLock('scheduler');
        expect(taken?.held()).toBe(true);
        await taken!.release();
        await unrelated!.release();
      } finally {
        await other.close();
        await shared.close();
      }
    });

    // The last-user-manager rule counts the holders after this lock: a second change of a
    // person's role or status (or a publish) must wait for the first one's commit. SQLite: one
    // writer runs the store's transactions one at a time; PostgreSQL: another process's store.
    it('lets one transaction at a time hold the managers of the directory', async () => {
      const shared = await factory.open({ shared: true });
      const other = factory.dialect === 'postgres' ? await shared.second() : shared.store;
      try {
        const seen: string[] = [];
        let release!: () => void;
        const gate = new Promise<void>((r) => (release = r));
        let held!: () => void;
        const firstHolds = new Promise<void>((r) => (held = r));
        const first = shared.store.transaction(async (tx) => {
          await tx.users.holdManagers();
          seen.push('first holds');
          held();
          await gate;
          seen.push('first ends');
        });
        await firstHolds;
        const second = other.transaction(async (tx) => {
          await tx.users.holdManagers();
          seen.push('second holds');
        });
        // Time for the second to take the lock if nothing held it back.
        await new Promise((r) => setTimeout(r, 200));
        seen.push('released');
        release();
        await Promise.all([first, second]);
        expect(seen).toEqual(['first holds', 'released', 'first ends', 'second holds']);
      } finally {
        if (other !== shared.store) await other.close();
        await shared.close();
      }
    });

    it('counts rate-limit hits in fixed windows, together across stores on the same database', async () => {
      const shared = await factory.open({ shared: true });
      const other = await shared.second();
      try {
        const a = shared.store.maintenance.hits;
        const b = other.maintenance.hits;
        const t = 1_000_000;
        expect(await a.peek('login|ana', 60_000, t)).toBeNull();
        expect(await a.hit('login|ana', 60_000, t)).toEqual({ start: t, count: 1 });
        expect(await b.hit('login|ana', 60_000, t + 10)).toEqual({ start: t, count: 2 });
        expect(await a.hit('login|bob', 60_000, t + 10)).toEqual({ start: t + 10, count: 1 });
        expect(await b.peek('login|ana', 60_000, t + 20)).toEqual({ start: t, count: 2 });
        // The window is over: peek sees none, the next hit starts a new one.
        expect(await a.peek('login|ana', 60_000, t + 60_000)).toBeNull();
        expect(await b.hit('login|ana', 60_000, t + 60_000)).toEqual({
          start: t + 60_000,
          count: 1,
        });
        await a.forget('login|ana');
        expect(await b.peek('login|ana', 60_000, t + 60_001)).toBeNull();
        expect(await b.peek('login|bob', 60_000, t + 20)).toEqual({ start: t + 10, count: 1 });
      } finally {
        await other.close();
        await shared.close();
      }
    });
  });
}
