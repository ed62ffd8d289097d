import { describe, expect, it } from 'vitest';
import type { OwnershipChange } from '../../src/index';
import { useStore, type StoreFactory } from './factory';

const change = (id: string, extra: Partial<OwnershipChange> = {}): OwnershipChange => ({
  id,
  entity: 'lead',
  recordId: 'r1',
  kind: 'transfer',
  fromUserId: 'u1',
  toUserId: 'u2',
  fromTeamId: 't1',
  toTeamId: 't1',
  reason: '离职交接',
  actorId: 'boss',
  via: 'ui',
  handoverId: null,
  readUntil: null,
  at: 100,
  ...extra,
});

/** The ownership ledger: every owner change of a record, the latest per record, cooldowns. */
export function ownershipContract(factory: StoreFactory): void {
  const ctx = useStore(factory);

  describe(`${factory.dialect}: ownership ledger`, () => {
    it('appends changes and lists a record’s changes oldest first, every column kept', async () => {
      await ctx.store.ownership.append(change('o2', { at: 200, handoverId: 'h1', readUntil: 900 }));
      await ctx.store.ownership.append(
        change('o1', {
          kind: 'create',
          fromUserId: null,
          fromTeamId: null,
          reason: null,
          actorId: null,
          via: 'intake',
          at: 50,
        }),
      );
      await ctx.store.ownership.append(change('o3', { recordId: 'r2' }));
      const rows = await ctx.store.ownership.listFor('lead', 'r1');
      expect(rows.map((r) => r.id)).toEqual(['o1', 'o2']);
      expect(rows[1]).toEqual(change('o2', { at: 200, handoverId: 'h1', readUntil: 900 }));
      expect(rows[0]).toMatchObject({ kind: 'create', fromUserId: null, actorId: null });
      expect(await ctx.store.ownership.listFor('lead', 'nope')).toEqual([]);
    });

    it('answers the latest change of each record asked for', async () => {
      await ctx.store.ownership.append(change('a1', { at: 10, toUserId: 'u1' }));
      await ctx.store.ownership.append(change('a2', { at: 30, toUserId: 'u3' }));
      await ctx.store.ownership.append(change('a3', { at: 20, toUserId: 'u2' }));
      await ctx.store.ownership.append(change('b1', { recordId: 'r2', at: 5, toUserId: null }));
      await ctx.store.ownership.append(change('c1', { entity: 'deal', at: 99 }));
      const latest = await ctx.store.ownership.latest('lead', ['r1', 'r2', 'r9']);
      expect(latest.map((c) => [c.recordId, c.id, c.toUserId]).sort()).toEqual([
        ['r1', 'a2', 'u3'],
        ['r2', 'b1', null],
      ]);
      expect(await ctx.store.ownership.latest('lead', [])).toEqual([]);
    });

    it('lists the records a previous owner may still read until their cooldown ends', async () => {
      await ctx.store.ownership.append(change('h1', { readUntil: 1000 }));
      await ctx.store.ownership.append(change('h2', { recordId: 'r2', readUntil: 500 }));
      await ctx.store.ownership.append(change('h3', { recordId: 'r3', readUntil: null }));
      await ctx.store.ownership.append(
        change('h4', { recordId: 'r4', fromUserId: 'u9', readUntil: 1000 }),
      );
      await ctx.store.ownership.append(change('h5', { recordId: 'r1', at: 300, readUntil: 1200 }));
      expect(await ctx.store.ownership.cooldownIds('u1', 'lead', 400)).toEqual(['r1', 'r2']);
      expect(await ctx.store.ownership.cooldownIds('u1', 'lead', 500)).toEqual(['r1']);
      expect(await ctx.store.ownership.cooldownIds('u1', 'lead', 1200)).toEqual([]);
      expect(await ctx.store.ownership.cooldownIds('u1', 'deal', 0)).toEqual([]);
    });

    it('writes in a transaction with the record or not at all', async () => {
      await expect(
        ctx.store.transaction(async (tx) => {
          await tx.ownership.append(change('t1'));
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await ctx.store.ownership.listFor('lead', 'r1')).toEqual([]);
    });

    it('decides a pending handover once, keeps its summary, lists what waits for a user', async () => {
      const h = {
        entity: 'lead',
        recordId: 'r1',
        fromUserId: 'u1',
        toUserId: 'u2',
        reason: '离职',
        summary: { note: { needs: ['a', 'b', 'c'] } },
        createdAt: 10,
      };
      await ctx.store.handovers.insert({ id: 'h1', ...h });
      await ctx.store.handovers.insert({ id: 'h2', ...h, recordId: 'r2', createdAt: 20 });
      await ctx.store.handovers.insert({
        id: 'h3',
        ...h,
        toUserId: 'u3',
        status: 'accepted',
        decidedAt: 5,
      });
      expect(await ctx.store.handovers.get('h1')).toEqual({
        id: 'h1',
        ...h,
        status: 'pending',
        decidedAt: null,
      });
      expect((await ctx.store.handovers.listTo('u2', 'pending')).map((x) => x.id)).toEqual([
        'h1',
        'h2',
      ]);
      expect(
        await ctx.store.handovers.decide('h1', 'pending', { status: 'accepted', at: 30 }),
      ).toBe(true);
      expect(
        await ctx.store.handovers.decide('h1', 'pending', { status: 'declined', at: 31 }),
      ).toBe(false);
      expect(await ctx.store.handovers.get('h1')).toMatchObject({
        status: 'accepted',
        decidedAt: 30,
        summary: h.summary,
      });
      await ctx.store.handovers.decide('h2', 'pending', {
        status: 'declined',
        at: 40,
        summary: { why: 'no' },
      });
      expect(await ctx.store.handovers.get('h2')).toMatchObject({
        status: 'declined',
        summary: { why: 'no' },
      });
      expect(await ctx.store.handovers.listTo('u2', 'pending')).toEqual([]);
      expect(await ctx.store.handovers.get('nope')).toBeNull();
      await ctx.store.handovers.annotate('h3', { consent: { expiresAt: 99 } });
      expect(await ctx.store.handovers.get('h3')).toMatchObject({
        status: 'accepted',
        decidedAt: 5,
        summary: { consent: { expiresAt: 99 } },
      });
    });
  });
}
