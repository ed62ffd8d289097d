import { describe, expect, it } from 'vitest';
import type { RunRow } from '../../src/index';
import { useStore, type StoreFactory } from './factory';

const run = (id: string, extra: Partial<RunRow> = {}): RunRow => ({
  id,
  eventId: 'e1',
  automationKey: 'route',
  triggerType: 'record.created',
  entity: 'lead',
  recordId: 'r1',
  matched: true,
  conditionTrace: { matched: true },
  actions: [],
  status: 'matched',
  error: null,
  depth: 1,
  startedAt: 100,
  durationMs: 0,
  dryRun: false,
  ...extra,
});

/** Run log, effects, assignment state and open loads, scheduler state, deliveries and emails. */
export function automationStateContract(factory: StoreFactory): void {
  const ctx = useStore(factory);

  describe(`${factory.dialect}: run log and effects`, () => {
    it('saves a run, updates its outcome, finds and queries it', async () => {
      const runs = ctx.store.runs;
      await runs.save(run('r-a'));
      await runs.save(
        run('r-a', {
          status: 'succeeded',
          actions: [{ index: 0, type: 'assign', status: 'succeeded', result: { ok: true } }],
          // A duration from performance.now() is kept in whole milliseconds on every dialect.
          durationMs: 3.4,
        }),
      );
      await runs.save(
        run('r-b', { recordId: null, startedAt: 200, status: 'skipped', matched: false }),
      );
      await runs.save(run('r-c', { dryRun: true, startedAt: 300 }));
      expect(await runs.find('e1', 'route', 'r1')).toMatchObject({
        id: 'r-a',
        status: 'succeeded',
        matched: true,
        dryRun: false,
        durationMs: 3,
        conditionTrace: { matched: true },
      });
      expect((await runs.find('e1', 'route', null))?.id).toBe('r-b');
      expect(await runs.find('e2', 'route', 'r1')).toBeNull();
      expect((await runs.query({})).map((r) => r.id)).toEqual(['r-c', 'r-b', 'r-a']);
      expect((await runs.query({ status: 'skipped' })).map((r) => r.id)).toEqual(['r-b']);
      expect((await runs.query({ before: 300, limit: 1 })).map((r) => r.id)).toEqual(['r-b']);
      expect(
        (await runs.query({ recordId: 'r1', automationKey: 'route' })).map((r) => r.id),
      ).toEqual(['r-c', 'r-a']);
      expect((await runs.withAction('lead', 'r1', 'assign')).map((r) => r.id)).toEqual(['r-a']);
    });

    it('stores an effect once per key', async () => {
      expect(await ctx.store.effects.get('k')).toBeNull();
      await ctx.store.effects.put('k', 'r-a', 'assign', { ok: true, ownerId: 'u1' }, 5);
      expect(await ctx.store.effects.get('k')).toEqual({ result: { ok: true, ownerId: 'u1' } });
      await expect(ctx.store.effects.put('k', 'r-b', 'assign', {}, 6)).rejects.toThrow();
    });

    it('prunes runs and effects older than the cutoff, oldest first, at most `limit` at once', async () => {
      const runs = ctx.store.runs;
      for (const [id, startedAt] of [
        ['old-1', 100],
        ['old-2', 200],
        ['new', 900],
      ] as const)
        await runs.save(run(id, { startedAt, recordId: id }));
      await ctx.store.effects.put('k-old', 'old-1', 'assign', {}, 100);
      await ctx.store.effects.put('k-new', 'new', 'assign', {}, 900);
      expect(await runs.prune(500, 1)).toBe(1);
      expect((await runs.query({})).map((r) => r.id).sort()).toEqual(['new', 'old-2']);
      expect(await runs.prune(500, 10)).toBe(1);
      expect(await runs.prune(500, 10)).toBe(0);
      expect(await ctx.store.effects.prune(500, 10)).toBe(1);
      expect(await ctx.store.effects.get('k-old')).toBeNull();
      expect(await ctx.store.effects.get('k-new')).not.toBeNull();
    });
  });

  describe(`${factory.dialect}: assignment and scheduler state`, () => {
    it('keeps strategy state per key', async () => {
      expect(await ctx.store.assignment.getState('rr:tech')).toEqual({ cursor: 0, data: {} });
      await ctx.store.assignment.putState('rr:tech', { cursor: 3, data: { last: 'u2' } }, 1);
      await ctx.store.assignment.putState('rr:tech', { cursor: 4, data: { last: 'u3' } }, 2);
      expect(await ctx.store.assignment.getState('rr:tech')).toEqual({
        cursor: 4,
        data: { last: 'u3' },
      });
    });

    it('counts open records per owner, following every write', async () => {
      const records = ctx.store.records(ctx.spec);
      const open = () => ctx.store.assignment.openLoads('lead', ['won'], ['u1', 'u2', 'u3']);
      expect(await open()).toEqual({});
      const a = await records.insert('lead', { name: 'a', ownerId: 'u1', stage: 'new' });
      await records.insert('lead', { name: 'b', ownerId: 'u1', stage: 'won' });
      await records.insert('lead', { name: 'c', ownerId: 'u2', stage: 'new' });
      await records.insert('lead', { name: 'd', ownerId: null, stage: 'new' });
      expect(await open()).toEqual({ u1: 1, u2: 1 });
      if (!a.ok) throw new Error('insert');
      await records.update('lead', a.value.id, { ownerId: 'u2' }, 1);
      expect(await open()).toEqual({ u2: 2 });
      await records.softDelete('lead', a.value.id);
      expect(await open()).toEqual({ u2: 1 });
      // A different set of closed stages counts again from the records.
      expect(await ctx.store.assignment.openLoads('lead', [], ['u1', 'u2'])).toEqual({
        u1: 1,
        u2: 1,
      });
      expect(await ctx.store.assignment.openLoads('lead', ['won'], [])).toEqual({});
    });

    it('remembers when a key fired and when it is next due', async () => {
      const s = ctx.store.scheduler;
      expect(await s.get('sla:lead')).toBeNull();
      await s.fired('sla:lead', 100, 100);
      expect(await s.get('sla:lead')).toEqual({ lastFiredAt: 100, nextDueAt: null });
      await s.schedule('cron:a', null, 500, 100);
      expect(await s.get('cron:a')).toEqual({ lastFiredAt: null, nextDueAt: 500 });
      await s.schedule('cron:a', 500, 900, 500);
      await s.schedule('cron:a', null, 1300, 900);
      expect(await s.get('cron:a')).toEqual({ lastFiredAt: 500, nextDueAt: 1300 });
      await s.fired('cron:a', 1300, 1300);
      expect(await s.get('cron:a')).toEqual({ lastFiredAt: 1300, nextDueAt: 1300 });
    });

    it('schedules over the state a caller read only, never over one written since', async () => {
      const s = ctx.store.scheduler;
      expect(await s.scheduleFrom('cron:b', null, null, 500, 100)).toBe(true);
      // Another writer made it first: the caller who saw none writes nothing.
      expect(await s.scheduleFrom('cron:b', null, null, 700, 100)).toBe(false);
      const seen = (await s.get('cron:b'))!;
      expect(seen).toEqual({ lastFiredAt: null, nextDueAt: 500 });
      expect(await s.scheduleFrom('cron:b', seen, 500, 900, 500)).toBe(true);
      expect(await s.get('cron:b')).toEqual({ lastFiredAt: 500, nextDueAt: 900 });
      // `seen` is stale now (900, not 500): refused, the state as it is.
      expect(await s.scheduleFrom('cron:b', seen, 500, 1300, 600)).toBe(false);
      expect(await s.get('cron:b')).toEqual({ lastFiredAt: 500, nextDueAt: 900 });
      // A state without a next due time (an SLA key's) is matched as such.
      await s.fired('sla:x', 100, 100);
      const sla = (await s.get('sla:x'))!;
      expect(await s.scheduleFrom('sla:x', sla, null, 400, 200)).toBe(true);
      expect(await s.get('sla:x')).toEqual({ lastFiredAt: 100, nextDueAt: 400 });
    });
  });

  describe(`${factory.dialect}: deliveries and emails`, () => {
    it('claims due webhook deliveries once and records each outcome', async () => {
      const d = ctx.store.deliveries;
      for (const [id, at] of [
        ['d1', 100],
        ['d2', 200],
        ['d3', 900],
      ] as const)
        await d.enqueue({
          id,
          runKey: `k-${id}`,
          url: 'https://example.com/hook',
          payload: { body: { id } },
          headers: { 'x-a': '1' },
          nextAttemptAt: at,
          createdAt: at,
        });
      expect(await d.anyDue(50)).toBe(false);
      expect(await d.anyDue(200)).toBe(true);
      const claimed = await d.claimDue(200, 60_200, 10);
      expect(claimed.map((c) => [c.id, c.attempts, c.headers, c.payload])).toEqual([
        ['d1', 0, { 'x-a': '1' }, { body: { id: 'd1' } }],
        ['d2', 0, { 'x-a': '1' }, { body: { id: 'd2' } }],
      ]);
      expect(await d.claimDue(200, 60_200, 10)).toEqual([]);
      await d.delivered('d1', 1, 250);
      await d.retry('d2', 1, 'HTTP 500', 1_000);
      expect(await d.get('d1')).toMatchObject({
        status: 'delivered',
        attempts: 1,
        deliveredAt: 250,
      });
      expect(await d.get('d2')).toMatchObject({
        status: 'pending',
        attempts: 1,
        lastError: 'HTTP 500',
        nextAttemptAt: 1_000,
      });
      await d.dead('d2', 4, 'gave up');
      expect((await d.list({ status: 'dead' })).map((x) => x.id)).toEqual(['d2']);
      expect((await d.list()).map((x) => x.id)).toEqual(['d3', 'd2', 'd1']);
      // Health: counts by status and the failures (any error seen), newest first.
      const health = await d.health(10);
      expect([health.pending, health.delivered, health.dead]).toEqual([1, 1, 1]);
      expect(health.failures.map((x) => [x.id, x.status, x.lastError])).toEqual([
        ['d2', 'dead', 'gave up'],
      ]);
    });

    it('queues emails, claims them as sending, and retries or fails them', async () => {
      const e = ctx.store.emails;
      await e.enqueue({ id: 'm1', to: 'a@example.com', subject: 's1', body: 'b1', createdAt: 1 });
      await e.enqueue({ id: 'm2', to: 'b@example.com', subject: 's2', body: 'b2', createdAt: 2 });
      expect(await e.anyPending()).toBe(true);
      const claimed = await e.claim(10);
      expect(claimed.map((m) => [m.id, m.to, m.status])).toEqual([
        ['m1', 'a@example.com', 'sending'],
        ['m2', 'b@example.com', 'sending'],
      ]);
      expect(await e.anyPending()).toBe(false);
      await e.sent('m1', 10);
      await e.failed('m2', 'smtp down', false);
      expect(
        (await e.list({ status: 'pending' })).map((m) => [m.id, m.attempts, m.lastError]),
      ).toEqual([['m2', 1, 'smtp down']]);
      await e.claim(10);
      expect(await e.resetSending()).toBe(1);
      await e.failed('m2', 'still down', true);
      expect(await e.list()).toMatchObject([
        { id: 'm2', status: 'failed', attempts: 2 },
        { id: 'm1', status: 'sent', sentAt: 10, attempts: 1 },
      ]);
    });
  });
}
