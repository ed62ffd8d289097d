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
