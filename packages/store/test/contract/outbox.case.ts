import { describe, expect, it } from 'vitest';
import type { NewOutboxEvent, RunRow } from '../../src/index';
import { useStore, type StoreFactory } from './factory';

const ev = (id: string, extra: Partial<NewOutboxEvent> = {}): NewOutboxEvent => ({
  id,
  type: 'record.created',
  entity: 'lead',
  recordId: `r-${id}`,
  payload: { n: id },
  actorId: 'u1',
  via: 'ui',
  depth: 0,
  createdAt: 10,
  ...extra,
});

/** The durable outbox: append, take/finish/put back inside transactions, leases, event streams. */
export function outboxContract(factory: StoreFactory): void {
  const ctx = useStore(factory);

  describe(`${factory.dialect}: outbox`, () => {
    it('appends events in order, once per generated id, and reads them back for streams', async () => {
      const o = ctx.store.outbox;
      const s1 = await o.append(ev('a'));
      const s2 = await o.append(ev('b', { entity: null, recordId: null }));
      expect(s2).toBeGreaterThan(s1);
      expect(await o.appendOnce(ev('sla:1'))).toBe(true);
      expect(await o.appendOnce(ev('sla:1'))).toBe(false);
      expect(await o.pending()).toBe(3);
      expect(await o.lastSeq()).toBeGreaterThanOrEqual(s2);
      const all = await o.since(null, 10);
      expect(all.map((h) => h.seq)).toEqual([s1, s2, s2 + 1]);
      const heads = await o.since(all[0]!.cursor, 10);
      expect(heads.map((h) => [h.type, h.entity, h.recordId])).toEqual([
        ['record.created', null, null],
        ['record.created', 'lead', 'r-sla:1'],
      ]);
      expect(await o.since(null, 1)).toEqual([
        {
          cursor: all[0]!.cursor,
          seq: s1,
          type: 'record.created',
          entity: 'lead',
          recordId: 'r-a',
          createdAt: 10,
        },
      ]);
      // Cursors are the adapter's own; a client's stale or forged one is recognised as such.
      expect(all.every((h) => o.cursorOk(h.cursor))).toBe(true);
      for (const bad of ['', 'x', '1.2.3', '-1', '9'.repeat(40)])
        expect(o.cursorOk(bad)).toBe(false);
    });

    it('takes free events in a transaction, finishes them, and puts failing ones back for a retry', async () => {
      for (const id of ['a', 'b', 'c']) await ctx.store.outbox.append(ev(id, { depth: 2 }));
      const taken = await ctx.store.transaction(async (tx) => {
        const batch = await tx.outbox.take('w1', 100, 2);
        expect(batch.map((e) => [e.id, e.attempts, e.depth, e.payload])).toEqual([
          ['a', 1, 2, { n: 'a' }],
          ['b', 1, 2, { n: 'b' }],
        ]);
        await tx.outbox.finish(batch[0]!.seq, 100);
        await tx.outbox.putBack(batch[1]!.seq, 'boom', 5_000, false, 100);
        return batch;
      });
      expect(taken).toHaveLength(2);
      expect(await ctx.store.outbox.pending()).toBe(2);
      // b waits for its retry time: only c is free now, both later.
      expect(await ctx.store.outbox.claimable('w1', 100)).toBe(true);
      const now = await ctx.store.transaction((tx) => tx.outbox.take('w1', 100, 10));
      expect(now.map((e) => e.id)).toEqual(['c']);
      const later = await ctx.store.transaction((tx) => tx.outbox.take('w1', 5_000, 10));
      expect(later.map((e) => [e.id, e.attempts])).toEqual([
        ['b', 2],
        ['c', 1],
      ]);
      // Given up after the last attempt: processed, kept with the error.
      await ctx.store.transaction((tx) => tx.outbox.putBack(later[0]!.seq, 'dead', 0, true, 6_000));
      expect(await ctx.store.outbox.pending()).toBe(1);
      const row = (await ctx.store.tables.rows('outbox')).find((r) => r.id === 'b')!;
      expect(row).toMatchObject({ last_error: 'dead', attempts: 2 });
      expect(Number(row.processed_at)).toBe(6_000);
    });

    it('finishes an event together with its runs and effects, and a rollback keeps none of them', async () => {
      for (const id of ['a', 'b']) await ctx.store.outbox.append(ev(id));
      const run = (id: string, status: RunRow['status']): RunRow => ({
        id,
        eventId: 'a',
        automationKey: `auto-${id}`,
        triggerType: 'record.created',
        entity: 'lead',
        recordId: 'r-a',
        matched: status !== 'skipped',
        conditionTrace: { matched: status !== 'skipped' },
        actions: [{ index: 0, type: 'assign', status: 'succeeded' }],
        status,
        error: null,
        depth: 0,
        startedAt: 100,
        durationMs: 1.4,
        dryRun: false,
      });
      const [a, b] = await ctx.store.transaction((tx) => tx.outbox.take('w1', 100, 2));
      // b's bookkeeping rolls back with its unit (as a failing event's does).
      await ctx.store.transaction(async (tx) => {
        await tx.outbox.finish(a!.seq, 100, {
          runs: [run('run-1', 'succeeded'), run('run-2', 'skipped')],
          effects: [
            {
              key: 'a|auto-run-1|r-a|0',
              runId: 'run-1',
              actionType: 'assign',
              result: { ok: true, owner: 'u2' },
              at: 100,
            },
            {
              key: 'a|auto-run-1|r-a|1',
              runId: 'run-1',
              actionType: 'notify',
              result: { ok: false, code: 'x' },
              at: 101,
            },
          ],
        });
        await expect(
          tx.transaction(async (t) => {
            await t.outbox.finish(b!.seq, 100, {
              runs: [{ ...run('run-3', 'succeeded'), eventId: 'b' }],
              effects: [
                {
                  key: 'b|x|r-b|0',
                  runId: 'run-3',
                  actionType: 'assign',
                  result: { ok: true },
                  at: 100,
                },
              ],
            });
            throw new Error('event failed');
          }),
        ).rejects.toThrow('event failed');
      });
      expect(await ctx.store.outbox.pending()).toBe(1);
      const runs = await ctx.store.runs.query({});
      expect(runs.map((r) => [r.id, r.status, r.durationMs]).sort()).toEqual([
        ['run-1', 'succeeded', 1],
        ['run-2', 'skipped', 1],
      ]);
      expect(await ctx.store.runs.find('a', 'auto-run-1', 'r-a')).toMatchObject({
        actions: [{ index: 0, type: 'assign', status: 'succeeded' }],
        conditionTrace: { matched: true },
      });
      expect(await ctx.store.effects.get('a|auto-run-1|r-a|0')).toEqual({
        result: { ok: true, owner: 'u2' },
      });
      expect(await ctx.store.effects.get('a|auto-run-1|r-a|1')).toEqual({
        result: { ok: false, code: 'x' },
      });
      expect(await ctx.store.effects.get('b|x|r-b|0')).toBeNull();
      // A run saved again (resumed after a crash) takes the new outcome.
      await ctx.store.transaction(async (tx) => {
        const [again] = await tx.outbox.take('w1', 100, 1);
        await tx.outbox.finish(again!.seq, 200, {
          runs: [{ ...run('run-1', 'failed'), error: 'late' }],
          effects: [],
        });
      });
      expect(await ctx.store.runs.find('a', 'auto-run-1', 'r-a')).toMatchObject({
        status: 'failed',
        error: 'late',
      });
      expect(await ctx.store.outbox.pending()).toBe(0);
    });

    it('claims with a lease one worker at a time, resumes its own claims, and releases', async () => {
      for (const id of ['a', 'b']) await ctx.store.outbox.append(ev(id));
      const w1 = await ctx.store.outbox.claim('w1', 100, 1_000, 10);
      expect(w1.map((e) => [e.id, e.attempts])).toEqual([
        ['a', 1],
        ['b', 1],
      ]);
      expect(await ctx.store.outbox.claim('w2', 500, 1_000, 10)).toEqual([]);
      expect(await ctx.store.outbox.claimable('w2', 500)).toBe(false);
      expect(await ctx.store.outbox.claimable('w1', 500)).toBe(true);
      expect(await ctx.store.outbox.complete(w1[0]!.seq, 'w2', 500)).toBe(false);
      expect(await ctx.store.outbox.complete(w1[0]!.seq, 'w1', 500)).toBe(true);
      await ctx.store.outbox.release(w1[1]!.seq, 'w1', 'oops', 2_000, false, 500);
      expect(await ctx.store.outbox.claim('w2', 1_500, 1_000, 10)).toEqual([]);
      const again = await ctx.store.outbox.claim('w2', 2_000, 1_000, 10);
      expect(again.map((e) => [e.id, e.attempts])).toEqual([['b', 2]]);
      // An expired lease is free for anyone.
      expect((await ctx.store.outbox.claim('w3', 3_001, 1_000, 10)).map((e) => e.id)).toEqual([
        'b',
      ]);
      await ctx.store.outbox.release(again[0]!.seq, 'w3', 'dead', 0, true, 3_500);
      expect(await ctx.store.outbox.pending()).toBe(0);
    });

    it('finishes several taken events in one call, each once, leaving the others pending', async () => {
      for (const id of ['a', 'b', 'c', 'd']) await ctx.store.outbox.append(ev(id));
      await ctx.store.transaction(async (tx) => {
        const [a, b, c] = await tx.outbox.take('w', 100, 3);
        await tx.outbox.finish(a!.seq, 100);
        // a is finished already: it is not counted a second time.
        await tx.outbox.finishMany([a!.seq, b!.seq, c!.seq], 200);
        await tx.outbox.finishMany([], 200);
      });
      expect(await ctx.store.outbox.pending()).toBe(1);
      const rows = await ctx.store.tables.rows('outbox');
      expect(
        rows.map((r) => [
          r.id,
          r.processed_at === null ? null : Number(r.processed_at),
          Number(r.attempts),
        ]),
      ).toEqual([
        ['a', 100, 1],
        ['b', 200, 1],
        ['c', 200, 1],
        ['d', null, 0],
      ]);
    });

    it('marks everything processed at once', async () => {
      for (const id of ['a', 'b']) await ctx.store.outbox.append(ev(id));
      expect(await ctx.store.outbox.markAllProcessed(9)).toBe(2);
      expect(await ctx.store.outbox.pending()).toBe(0);
      expect(await ctx.store.outbox.claimable('w', 10)).toBe(false);
    });

    it('prunes events processed before the cutoff, never an unprocessed one nor the newest', async () => {
      const o = ctx.store.outbox;
      for (const id of ['a', 'b', 'c', 'd']) await o.append(ev(id));
      const last = await o.lastSeq();
      await ctx.store.transaction(async (tx) => {
        const [a, b, , d] = await tx.outbox.take('w', 0, 4);
        await tx.outbox.finish(a!.seq, 100);
        await tx.outbox.finish(b!.seq, 200);
        await tx.outbox.finish(d!.seq, 50);
        // c stays unprocessed: it was taken and goes back with the transaction's end.
      });
      expect(await o.prune(150, 10)).toBe(1); // a only: b is newer than the cutoff
      expect(await o.prune(1_000, 10)).toBe(1); // b; d is the newest event, c is pending
      expect(await o.prune(1_000, 10)).toBe(0);
      expect(await o.pending()).toBe(1);
      expect(await o.lastSeq()).toBe(last);
      expect((await o.since(null, 10)).map((h) => h.recordId)).toEqual(['r-c', 'r-d']);
    });

    it('streams from the head: only events appended after it, each once, cursor by cursor', async () => {
      const o = ctx.store.outbox;
      await o.append(ev('old'));
      let cursor = await o.head();
      expect(o.cursorOk(cursor)).toBe(true);
      expect(await o.since(cursor, 10)).toEqual([]);
      const seen: string[] = [];
      for (const batch of [['n1', 'n2'], ['n3']]) {
        for (const id of batch) await o.append(ev(id));
        for (const h of await o.since(cursor, 1)) {
          seen.push(h.recordId!);
          cursor = h.cursor;
        }
        for (const h of await o.since(cursor, 10)) {
          seen.push(h.recordId!);
          cursor = h.cursor;
        }
      }
      expect(seen).toEqual(['r-n1', 'r-n2', 'r-n3']);
    });
  });
}
