import { describe, expect, it } from 'vitest';
import type { Store, Tx } from '../../src/index';
import { useStore, type StoreFactory } from './factory';

const event = (id: string) => ({
  id,
  type: 'test.event',
  entity: null,
  recordId: null,
  payload: { id },
  actorId: null,
  via: 'system',
  depth: 0,
  createdAt: 1,
});

/** Transactions: atomic, isolated from reads outside them, nested units, concurrent callers. */
export function transactionsContract(factory: StoreFactory): void {
  const ctx = useStore(factory);
  const count = (s: Store | Tx = ctx.store) => s.tables.count('outbox');

  describe(`${factory.dialect}: transactions`, () => {
    it('commits everything a transaction wrote together, and settles only after the commit', async () => {
      const shared = await factory.open({ shared: true });
      const other = await shared.second();
      try {
        const result = await shared.store.transaction(async (tx) => {
          await tx.outbox.append(event('a'));
          await tx.outbox.append(event('b'));
          return 'done';
        });
        expect(result).toBe('done');
        // Another store (another process) sees it at once: the commit happened before the answer.
        expect(await count(other)).toBe(2);
      } finally {
        await other.close();
        await shared.close();
      }
    });

    it('rolls everything back when the body throws, and rejects with that error', async () => {
      await expect(
        ctx.store.transaction(async (tx) => {
          await tx.outbox.append(event('a'));
          throw new Error('nope');
        }),
      ).rejects.toThrow('nope');
      expect(await count()).toBe(0);
    });

    it('keeps uncommitted writes from reads outside the transaction', async () => {
      let seenInside = -1;
      let seenOutside = -1;
      await ctx.store.transaction(async (tx) => {
        await tx.outbox.append(event('a'));
        seenInside = await count(tx);
        seenOutside = await count(ctx.store);
      });
      expect(seenInside).toBe(1);
      expect(seenOutside).toBe(0);
      expect(await count()).toBe(1);
    });

    it('rolls back a nested unit alone when it throws; the outer transaction goes on', async () => {
      await ctx.store.transaction(async (tx) => {
        await tx.outbox.append(event('kept'));
        await expect(
          tx.transaction(async (inner) => {
            await inner.outbox.append(event('undone'));
            throw new Error('inner');
          }),
        ).rejects.toThrow('inner');
        await tx.transaction(async (inner) => {
          await inner.outbox.append(event('nested'));
        });
      });
      const ids = (await ctx.store.outbox.since(null, 10)).map((e) => e.seq);
      expect(ids).toHaveLength(2);
      const rows = await ctx.store.tables.rows('outbox');
      expect(rows.map((r) => r.id)).toEqual(['kept', 'nested']);
    });

    // Units that succeeded may keep their savepoint until a later one starts (PostgreSQL):
    // a failing unit must still undo exactly its own writes and its finished children's.
    it('undoes a failing unit with its finished children, and keeps finished siblings', async () => {
      await ctx.store.transaction(async (tx) => {
        await tx.transaction(async (a) => {
          await a.outbox.append(event('a'));
          await a.transaction(async (a1) => a1.outbox.append(event('a1')));
        });
        await expect(
          tx.transaction(async (b) => {
            await b.transaction(async (b1) => b1.outbox.append(event('b1')));
            await b.transaction(async (b2) => {
              await b2.transaction(async (b21) => b21.outbox.append(event('b21')));
              await b2.outbox.append(event('b2'));
            });
            throw new Error('b');
          }),
        ).rejects.toThrow('b');
        await tx.transaction(async (c) => {
          await c.transaction(async (c1) => c1.outbox.append(event('c1')));
          await expect(
            c.transaction(async (c2) => {
              await c2.outbox.append(event('c2'));
              throw new Error('c2');
            }),
          ).rejects.toThrow('c2');
          await c.outbox.append(event('c'));
        });
        for (let i = 0; i < 100; i++)
          await tx.transaction(async (d) => d.outbox.append(event(`d${i}`)));
      });
      const ids = (await ctx.store.tables.rows('outbox')).map((r) => String(r.id));
      expect(ids.slice(0, 4)).toEqual(['a', 'a1', 'c1', 'c']);
      expect(ids).toHaveLength(104);
    });

    // PostgreSQL sends a unit's savepoint only before its first statement, with those of the
    // units around it: the undo must still cover exactly the unit, whenever it was sent.
    it('undoes a unit whose savepoint went out with its child, and costs nothing without statements', async () => {
      const sent = () => ctx.store.maintenance.statements();
      await ctx.store.transaction(async (tx) => {
        await tx.outbox.append(event('first'));
        // Nothing to send: no statement runs in these units, failing or not.
        const before = sent();
        for (let i = 0; i < 5; i++) await tx.transaction(async () => i);
        await expect(
          tx.transaction(async () => {
            throw new Error('early');
          }),
        ).rejects.toThrow('early');
        expect(sent() - before).toBe(0);
        // The outer unit's first statement is its child's: both savepoints go out together.
        await expect(
          tx.transaction(async (outer) => {
            await outer.transaction(async (child) => child.outbox.append(event('child')));
            await outer.transaction(async () => undefined);
            await outer.outbox.append(event('outer'));
            throw new Error('outer');
          }),
        ).rejects.toThrow('outer');
        // A unit that fails after its parent's savepoint was sent undoes only its own writes.
        await tx.transaction(async (p) => {
          await p.outbox.append(event('parent'));
          await expect(
            p.transaction(async (c) => {
              await c.outbox.append(event('undone'));
              throw new Error('c');
            }),
          ).rejects.toThrow('c');
        });
        await tx.outbox.append(event('last'));
      });
      const ids = (await ctx.store.tables.rows('outbox')).map((r) => String(r.id));
      expect(ids).toEqual(['first', 'parent', 'last']);
    });

    it('commits callers that write at the same time independently: one failing undoes only itself', async () => {
      const results = await Promise.allSettled(
        ['a', 'b', 'c', 'd'].map((id) =>
          ctx.store.transaction(async (tx) => {
            await tx.outbox.append(event(id));
            if (id === 'b') throw new Error(`fail ${id}`);
            // A nested failure that the body handles must not leak its writes either.
            if (id === 'c')
              await tx
                .transaction(async (inner) => {
                  await inner.outbox.append(event('c-inner'));
                  throw new Error('inner');
                })
                .catch(() => undefined);
            return id;
          }),
        ),
      );
      expect(results.map((r) => r.status)).toEqual([
        'fulfilled',
        'rejected',
        'fulfilled',
        'fulfilled',
      ]);
      const rows = await ctx.store.tables.rows('outbox');
      expect(rows.map((r) => r.id).sort()).toEqual(['a', 'c', 'd']);
    });

    it('runs one-call writes of repositories atomically outside a transaction', async () => {
      await ctx.store.teams.upsert({ key: 'tech', label: { en: 'Tech' } });
      await expect(
        ctx.store.users.insert(
          { id: 'u1', login: 'u1', passwordHash: null, role: 'sales', teams: ['tech', 'nope'] },
          1,
        ),
      ).rejects.toThrow();
      // The user row went with the failing membership.
      expect(await ctx.store.users.byId('u1')).toBeNull();
    });

    it('tells listeners after each commit', async () => {
      let commits = 0;
      const off = ctx.store.onCommit(() => commits++);
      await ctx.store.outbox.append(event('x'));
      await ctx.store.transaction(async (tx) => tx.outbox.append(event('y')));
      await ctx.store.transaction(async () => Promise.reject(new Error('no'))).catch(() => null);
      off();
      await ctx.store.outbox.append(event('z'));
      expect(commits).toBe(2);
    });
  });
}
