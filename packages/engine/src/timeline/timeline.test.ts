import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { HOUR, opts, setup } from '../../test/fixtures/harness';

let ctx = await setup();
afterEach(async () => {
  await ctx.store.close();
  ctx = await setup();
});
// The store the last test's clean-up opened.
afterAll(() => ctx.store.close());

describe('timeline', () => {
  it('merges history, stage changes, assignments, activities, tasks and touches, newest first', async () => {
    const r = await ctx.engine.records.create(
      'lead',
      { name: '陈静', phone: '13700137000' },
      { actor: { kind: 'public' }, via: 'intake', touch: { utmSource: 'douyin' } },
    );
    if (!r.ok) throw new Error('setup');
    const id = r.record.id;
    await ctx.addUser('u-rep');
    ctx.clock.advance(HOUR);
    await ctx.engine.records.update(
      'lead',
      id,
      { ownerId: 'u-rep' },
      { actor: { kind: 'automation' }, via: 'automation' },
    );
    ctx.clock.advance(HOUR);
    await ctx.engine.activities.log(
      'lead',
      id,
      { type: 'call', body: '首次电话', occurredAt: ctx.clock.now() - 30 * 60_000 },
      opts,
    );
    ctx.clock.advance(HOUR);
    await ctx.engine.records.changeStage('lead', id, 'contacted', opts);
    ctx.clock.advance(HOUR);
    await ctx.engine.records.update('lead', id, { notes: '周末有空' }, opts);
    ctx.clock.advance(HOUR);
    await ctx.engine.tasks.create(
      { entity: 'lead', recordId: id, title: '周六回访', assigneeId: 'u-rep' },
      opts,
    );

    const t = await ctx.engine.timeline('lead', id, opts);
    expect(t.ok).toBe(true);
    if (!t.ok) return;
    expect(t.entries.map((e) => e.kind)).toEqual([
      'task',
      'change',
      'stage',
      'activity',
      'assignment',
      'touch',
      'stage',
      'created',
    ]);
    const times = t.entries.map((e) => e.at);
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(t.entries[1]).toMatchObject({
      kind: 'change',
      actorId: 'u-rep',
      via: 'ui',
      changes: [{ field: 'notes', before: null, after: '周末有空' }],
    });
    expect(t.entries[2]).toMatchObject({
      kind: 'stage',
      from: 'new',
      to: 'contacted',
      dwellMs: 3 * HOUR,
    });
    expect(t.entries[4]).toMatchObject({
      kind: 'assignment',
      via: 'automation',
      changes: [{ field: 'ownerId', before: null, after: 'u-rep' }],
    });
    expect(t.entries[7]).toMatchObject({
      kind: 'created',
      via: 'intake',
      changes: [
        { field: 'name', after: '陈静' },
        { field: 'phone', after: '+8613700137000' },
      ],
    });
  });

  it('includes handovers between owners', async () => {
    const r = await ctx.engine.records.create('lead', { name: '交接' }, opts);
    if (!r.ok) throw new Error('setup');
    ctx.clock.advance(HOUR);
    await ctx.store.handovers.insert({
      id: 'h1',
      entity: 'lead',
      recordId: r.record.id,
      fromUserId: 'u-rep',
      toUserId: 'u-next',
      reason: '离职交接',
      summary: { open: 1 },
      createdAt: ctx.clock.now(),
    });
    const t = await ctx.engine.timeline('lead', r.record.id, opts);
    expect(t.ok && t.entries[0]).toMatchObject({
      kind: 'handover',
      fromUserId: 'u-rep',
      toUserId: 'u-next',
      reason: '离职交接',
      summary: { open: 1 },
    });
  });

  it('shows deletion and restore, and hides history of fields hidden from the actor', async () => {
    const port = {
      check: () => ({ allowed: true as const }),
      redact: (_a: unknown, _e: string, record: Record<string, unknown>) => {
        const { budget: _b, ...rest } = record;
        return rest;
      },
    };
    const c = await setup(undefined, { permissions: port });
    const r = await c.engine.records.create('lead', { name: 'X', budget: 5 }, opts);
    if (!r.ok) throw new Error('setup');
    expect('budget' in r.record).toBe(false);
    c.clock.advance(1);
    await c.engine.records.remove('lead', r.record.id, opts);
    c.clock.advance(1);
    await c.engine.records.restore('lead', r.record.id, opts);
    const t = await c.engine.timeline('lead', r.record.id, opts);
    expect(t.ok && t.entries.map((e) => e.kind)).toEqual([
      'restored',
      'deleted',
      'stage',
      'created',
    ]);
    const created = t.ok ? t.entries[3] : null;
    expect(created && 'changes' in created ? created.changes.map((x) => x.field) : []).toEqual([
      'name',
      'budgetYuan',
      'ownerId',
    ]);
    await c.store.close();
  });

  it("puts a record's creation below what happened in the same instant, whichever id was drawn first", async () => {
    // A bulk create draws the first transitions' ids before the creation rows' ids.
    const [one] = await ctx.engine.records.createMany(
      'lead',
      [{ values: { name: '陈静', phone: '13700137000' } }],
      opts,
    );
    if (!one?.ok) throw new Error('setup');
    const t = await ctx.engine.timeline('lead', one.record.id, opts);
    expect(t.ok && t.entries.map((e) => e.kind)).toEqual(['stage', 'created']);
  });
});
