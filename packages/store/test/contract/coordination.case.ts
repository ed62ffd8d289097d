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
  });
}
