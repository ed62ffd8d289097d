import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { HOUR, opts, setup } from '../../test/fixtures/harness';

let ctx = await setup();
afterEach(async () => {
  await ctx.store.close();
  ctx = await setup();
});
// The store the last test's clean-up opened.
afterAll(() => ctx.store.close());

describe('tasks', () => {
  it('creates, reassigns and completes a task about a record, one event each', async () => {
    const rec = await ctx.engine.records.create('lead', { name: '赵磊' }, opts);
    if (!rec.ok) throw new Error('setup');
    const due = ctx.clock.now() + 24 * HOUR;
    const t = await ctx.engine.tasks.create(
      {
        entity: 'lead',
        recordId: rec.record.id,
        title: ' 回访试听感受 ',
        assigneeId: 'u-rep',
        dueAt: due,
      },
      opts,
    );
    expect(t.ok && t.task).toMatchObject({
      title: '回访试听感受',
      status: 'open',
      assigneeId: 'u-rep',
      dueAt: due,
      createdBy: 'u-rep',
    });
    if (!t.ok) return;
    const a = await ctx.engine.tasks.assign(t.task.id, 'u-other', { ...opts, dueAt: due + HOUR });
    expect(a.ok && a.task).toMatchObject({ assigneeId: 'u-other', dueAt: due + HOUR });
    ctx.clock.advance(2 * HOUR);
    const c = await ctx.engine.tasks.complete(t.task.id, opts);
    expect(c.ok && c.task).toMatchObject({ status: 'done', completedAt: ctx.clock.now() });
    expect(await ctx.engine.tasks.complete(t.task.id, opts)).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect((await ctx.outbox()).map((e) => e.type)).toEqual([
      'record.created',
      'task.created',
      'task.assigned',
      'task.completed',
    ]);
  });

  it('lists open tasks of a person by due time, undated last', async () => {
    const base = ctx.clock.now();
    await ctx.engine.tasks.create(
      { title: 'later', assigneeId: 'u-rep', dueAt: base + 5 * HOUR },
      opts,
    );
    await ctx.engine.tasks.create({ title: 'undated', assigneeId: 'u-rep' }, opts);
    await ctx.engine.tasks.create({ title: 'soon', assigneeId: 'u-rep', dueAt: base + HOUR }, opts);
    await ctx.engine.tasks.create({ title: 'not mine', assigneeId: 'u-x', dueAt: base }, opts);
    const r = await ctx.engine.tasks.list({ assigneeId: 'u-rep', status: 'open' }, opts);
    expect(r.ok && r.tasks.map((t) => t.title)).toEqual(['soon', 'later', 'undated']);
  });

  it('shows a person only their own tasks and tasks about records they may read', async () => {
    const port = {
      // The platform (system actor) reads every record; a person only their own.
      check: (
        actor: { kind: string; userId?: string },
        action: string,
        _e: string,
        record?: Record<string, unknown> | null,
      ) => ({
        allowed:
          action !== 'read' ||
          !record ||
          actor.kind === 'system' ||
          record.ownerId === actor.userId,
      }),
    };
    const c = await setup(undefined, { permissions: port });
    const amy = { actor: { kind: 'user' as const, userId: 'u-amy' }, via: 'ui' as const };
    const bob = { actor: { kind: 'user' as const, userId: 'u-bob' }, via: 'ui' as const };
    const lead = await c.engine.records.create('lead', { name: 'Amy lead' }, amy);
    if (!lead.ok) throw new Error('setup');
    await c.engine.tasks.create(
      { title: 'about amy lead', entity: 'lead', recordId: lead.record.id },
      { actor: { kind: 'system' } },
    );
    await c.engine.tasks.create(
      { title: 'for bob', assigneeId: 'u-bob' },
      { actor: { kind: 'system' } },
    );
    await c.engine.tasks.create({ title: 'loose' }, { actor: { kind: 'system' } });
    const titles = async (o: typeof amy) => {
      const r = await c.engine.tasks.list({}, o);
      return r.ok ? r.tasks.map((t) => t.title).sort() : r.error;
    };
    expect(await titles(amy)).toEqual(['about amy lead']);
    expect(await titles(bob)).toEqual(['for bob']);
    expect(await c.engine.tasks.list({}, { actor: { kind: 'system' } })).toMatchObject({
      ok: true,
      tasks: { length: 3 },
    });
    await c.store.close();
  });

  it('refuses a task without a title or on a missing record', async () => {
    expect(await ctx.engine.tasks.create({ title: ' ' }, opts)).toMatchObject({
      ok: false,
      error: { code: 'validation', errors: [{ path: '/title' }] },
    });
    expect(
      await ctx.engine.tasks.create({ title: 'x', entity: 'lead', recordId: 'nope' }, opts),
    ).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await ctx.count('tasks')).toBe(0);
  });
});
