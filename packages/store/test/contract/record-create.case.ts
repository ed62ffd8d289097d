import { describe, expect, it } from 'vitest';
import type { NewRecordRows, RecordRepo, StoredRecord } from '../../src/index';
import { useStore, type StoreFactory } from './factory';

/** A create's rows as the engine makes them (records/create.ts), recording what `after` saw. */
function rowsFor(id: string, seen: StoredRecord[], owner: string | null): NewRecordRows {
  return {
    transition: {
      id: `t-${id}`,
      entity: 'lead',
      recordId: id,
      fromStage: null,
      toStage: 'new',
      actorId: null,
      via: 'intake',
      at: 1000,
      dwellMs: null,
    },
    touch: {
      id: `k-${id}`,
      entity: 'lead',
      recordId: id,
      kind: 'form',
      sourceKey: 'apply',
      utmSource: 'douyin',
      utmMedium: null,
      utmCampaign: 'spring',
      utmContent: null,
      utmTerm: null,
      referrer: null,
      landingUrl: null,
      at: 1000,
    },
    after(record) {
      seen.push(record);
      return {
        history: {
          id: `h-${id}`,
          changeId: `c-${id}`,
          entity: 'lead',
          recordId: id,
          field: '$created',
          before: null,
          after: { name: record.name, tags: record.tags },
          actorId: null,
          via: 'intake',
          at: 1000,
        },
        ownership:
          owner === null
            ? null
            : {
                id: `o-${id}`,
                entity: 'lead',
                recordId: id,
                kind: 'create',
                fromUserId: null,
                toUserId: owner,
                fromTeamId: null,
                toTeamId: null,
                reason: null,
                actorId: null,
                via: 'intake',
                handoverId: null,
                readUntil: null,
                at: 1000,
              },
        event: {
          id: `e-${id}`,
          type: 'record.created',
          entity: 'lead',
          recordId: id,
          payload: { record },
          actorId: null,
          via: 'intake',
          depth: 0,
          createdAt: 1000,
        },
      };
    },
  };
}

/** RecordRepo.create: a new record and the rows of its creation in one call. */
export function recordCreateContract(factory: StoreFactory): void {
  const ctx = useStore(factory);
  const repo = (): RecordRepo => ctx.store.records(ctx.spec);
  const journal = async (id: string) => ({
    transitions: (await ctx.store.transitions.listFor('lead', id)).map((t) => t.toStage),
    touches: (await ctx.store.touches.listFor('lead', id)).map((t) => t.utmCampaign),
    history: (await ctx.store.history.listFor('lead', id)).map((h) => [h.field, h.after]),
    ownership: (await ctx.store.ownership.listFor('lead', id)).map((o) => o.toUserId),
  });

  describe(`${factory.dialect}: records create with the rows of its creation`, () => {
    it('writes the row, its transition, touch, history, first holder and event, `after` seeing the stored record', async () => {
      const seen: StoredRecord[] = [];
      const input = { id: 'r1', name: '王小明', tags: ['vip'], ownerId: 'u1', stage: 'new' };
      const res = await ctx.store.transaction((tx) =>
        tx.records(ctx.spec).create('lead', input, rowsFor('r1', seen, 'u1'), { now: 1000 }),
      );
      expect(res.ok).toBe(true);
      // Called once, with the record as stored (version, timestamps, values in engine form).
      expect(seen).toHaveLength(1);
      expect(seen[0]).toMatchObject({ id: 'r1', version: 1, createdAt: 1000, tags: ['vip'] });
      expect(res.ok && res.value).toEqual(seen[0]);
      expect(await repo().get('lead', 'r1')).toEqual(seen[0]);
      expect(await journal('r1')).toEqual({
        transitions: ['new'],
        touches: ['spring'],
        history: [['$created', { name: '王小明', tags: ['vip'] }]],
        ownership: ['u1'],
      });
      const events = await ctx.store.transaction((tx) => tx.outbox.take('w1', 2000, 10));
      expect(
        events.map((e) => [e.type, e.recordId, (e.payload.record as StoredRecord).name]),
      ).toEqual([['record.created', 'r1', '王小明']]);
    });

    it('writes no ledger row when the record has no holder, and runs outside a transaction as one', async () => {
      const res = await repo().create('lead', { id: 'r2', name: '李雷' }, rowsFor('r2', [], null));
      expect(res.ok).toBe(true);
      expect(await journal('r2')).toMatchObject({ transitions: ['new'], ownership: [] });
      expect(await ctx.store.outbox.pending()).toBe(1);
    });

    it('answers a refused row as a value without calling `after`; the unit that throws on it leaves nothing', async () => {
      const seen: StoredRecord[] = [];
      const refused = new Error('refused');
      let answer: unknown = null;
      await expect(
        ctx.store.transaction(async (tx) => {
          const res = await tx
            .records(ctx.spec)
            .create('lead', { id: 'r3', name: '韩梅梅', vip: 'yes' }, rowsFor('r3', seen, 'u1'));
          answer = res.ok ? null : [res.error.code, res.error.path];
          throw refused;
        }),
      ).rejects.toBe(refused);
      expect(answer).toEqual(['invalid_value', '/vip']);
      expect(seen).toEqual([]);
      expect(await repo().get('lead', 'r3')).toBeNull();
      expect(await journal('r3')).toEqual({
        transitions: [],
        touches: [],
        history: [],
        ownership: [],
      });
      expect(await ctx.store.outbox.pending()).toBe(0);
    });
  });
}
