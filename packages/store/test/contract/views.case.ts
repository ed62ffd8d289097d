import { describe, expect, it } from 'vitest';
import { useStore, type StoreFactory } from './factory';

/** People's saved views: scoped to their owner on every read and write. */
export function viewsContract(factory: StoreFactory): void {
  const ctx = useStore(factory);

  describe(`${factory.dialect}: saved views`, () => {
    it('keeps each owner to their own views', async () => {
      const views = ctx.store.savedViews;
      for (const id of ['u1', 'u2'])
        await ctx.store.users.insert({ id, login: id, passwordHash: null, role: 'sales' }, 1);
      const def = { type: 'table', filter: { '==': [{ var: 'stage' }, 'new'] } };
      await views.insert({
        id: 'v2',
        ownerId: 'u1',
        entity: 'lead',
        label: '新线索',
        definition: def,
        createdAt: 20,
        updatedAt: 20,
      });
      await views.insert({
        id: 'v1',
        ownerId: 'u1',
        entity: 'lead',
        label: 'Mine',
        definition: { type: 'board' },
        createdAt: 10,
        updatedAt: 10,
      });
      await views.insert({
        id: 'v3',
        ownerId: 'u2',
        entity: 'lead',
        label: 'Theirs',
        definition: {},
        createdAt: 5,
        updatedAt: 5,
      });
      expect((await views.list('u1')).map((v) => v.id)).toEqual(['v1', 'v2']);
      expect(await views.get('u1', 'v2')).toEqual({
        id: 'v2',
        ownerId: 'u1',
        entity: 'lead',
        label: '新线索',
        definition: def,
        createdAt: 20,
        updatedAt: 20,
      });
      // Another owner's view is missing for this one: not read, not changed, not removed.
      expect(await views.get('u1', 'v3')).toBeNull();
      expect(await views.update('u1', 'v3', { label: 'x', definition: {} }, 30)).toBe(false);
      expect(await views.remove('u1', 'v3')).toBe(false);
      expect(await views.get('u2', 'v3')).toMatchObject({ label: 'Theirs' });

      expect(
        await views.update('u1', 'v1', { label: 'Board', definition: { type: 'x' } }, 30),
      ).toBe(true);
      expect(await views.get('u1', 'v1')).toMatchObject({
        label: 'Board',
        definition: { type: 'x' },
        createdAt: 10,
        updatedAt: 30,
      });
      expect(await views.remove('u1', 'v1')).toBe(true);
      expect((await views.list('u1')).map((v) => v.id)).toEqual(['v2']);
    });
  });
}
