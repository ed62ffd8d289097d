import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { opts, setup } from '../../test/fixtures/harness';
import type { ListScope } from '../ports';

let ctx = await setup();
beforeEach(async () => {
  const rows: [string, string, string, number][] = [
    ['张伟', '13800000001', '330100', 300000],
    ['王秀英', '13800000002', '330100', 100000],
    ['李娜', '13800000003', '110100', 500000],
    ['张秀兰', '13912345678', '330100', 200000],
    ['刘洋', '13800000005', '440300', 0],
  ];
  for (const [name, phone, city, budget] of rows) {
    ctx.clock.advance(1000);
    const r = await ctx.engine.records.create('lead', { name, phone, city, budget }, opts);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
  }
});
afterEach(async () => {
  await ctx.store.close();
  ctx = await setup();
});
// The store the last test's clean-up opened.
afterAll(() => ctx.store.close());
const names = (r: Awaited<ReturnType<typeof ctx.engine.records.list>>) =>
  r.ok ? r.records.map((x) => x.name) : r.error;

describe('records.list', () => {
  it('filters with JSONLogic compiled to SQL and sorts newest first by default', async () => {
    const r = await ctx.engine.records.list(
      'lead',
      {
        filter: {
          and: [{ '==': [{ var: 'city' }, '330100'] }, { '==': [{ var: 'stage' }, 'new'] }],
        },
      },
      opts,
    );
    expect(names(r)).toEqual(['张秀兰', '王秀英', '张伟']);
  });

  it('sorts on any field and pages with a cursor, with the total on request', async () => {
    const first = await ctx.engine.records.list(
      'lead',
      { sort: [{ field: 'budget', dir: 'desc' }], limit: 2, count: true },
      opts,
    );
    expect(names(first)).toEqual(['李娜', '张伟']);
    expect(first.ok && first.total).toBe(5);
    const second = await ctx.engine.records.list(
      'lead',
      {
        sort: [{ field: 'budget', dir: 'desc' }],
        limit: 2,
        cursor: first.ok ? first.nextCursor : null,
      },
      opts,
    );
    expect(names(second)).toEqual(['张秀兰', '王秀英']);
    const third = await ctx.engine.records.list(
      'lead',
      {
        sort: [{ field: 'budget', dir: 'desc' }],
        limit: 2,
        cursor: second.ok ? second.nextCursor : null,
      },
      opts,
    );
    expect(names(third)).toEqual(['刘洋']);
    expect(third.ok && third.nextCursor).toBeNull();
  });

  it('searches Chinese name substrings and phone digits', async () => {
    expect(names(await ctx.engine.records.list('lead', { search: '秀' }, opts))).toEqual([
      '张秀兰',
      '王秀英',
    ]);
    expect(names(await ctx.engine.records.list('lead', { search: '12345678' }, opts))).toEqual([
      '张秀兰',
    ]);
  });

  it('pages search results with a cursor and counts every match, not just the page', async () => {
    const first = await ctx.engine.records.list(
      'lead',
      { search: '1380000', limit: 2, count: true },
      opts,
    );
    expect(names(first)).toEqual(['刘洋', '李娜']);
    expect(first.ok && first.total).toBe(4);
    const cursor = first.ok ? first.nextCursor : null;
    expect(cursor).not.toBeNull();
    const second = await ctx.engine.records.list(
      'lead',
      { search: '1380000', limit: 2, cursor },
      opts,
    );
    expect(names(second)).toEqual(['王秀英', '张伟']);
    expect(second.ok && second.nextCursor).toBeNull();
    // Search combines with a filter and a sort like any list.
    const sorted = await ctx.engine.records.list(
      'lead',
      {
        search: '1380000',
        filter: { '==': [{ var: 'city' }, '330100'] },
        sort: [{ field: 'budget', dir: 'asc' }],
      },
      opts,
    );
    expect(names(sorted)).toEqual(['王秀英', '张伟']);
  });

  it('returns errors for a bad filter, sort field or cursor', async () => {
    expect(
      await ctx.engine.records.list('lead', { filter: { '==': [{ var: 'nope' }, 1] } }, opts),
    ).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(
      await ctx.engine.records.list('lead', { sort: [{ field: 'nope' }] }, opts),
    ).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', errors: [{ path: '/sort' }] },
    });
    expect(await ctx.engine.records.list('lead', { cursor: 'garbage' }, opts)).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', errors: [{ path: '/cursor' }] },
    });
  });
});

describe('permission port', () => {
  it('is asked before writes and reads, narrows lists, and a refusal writes nothing', async () => {
    const calls: string[] = [];
    const scope: ListScope = { kind: 'where', logic: { '>=': [{ var: 'budget' }, 250000] } };
    const port = {
      check: (_a: unknown, action: string) => {
        calls.push(action);
        return action === 'delete'
          ? { allowed: false as const, reason: 'No deleting' }
          : { allowed: true as const };
      },
      listScope: () => scope,
    };
    const c = await setup(undefined, { permissions: port });
    const r = await c.engine.records.create('lead', { name: 'A', budget: 300000 }, opts);
    await c.engine.records.create('lead', { name: 'B', budget: 1 }, opts);
    expect(names(await c.engine.records.list('lead', {}, opts))).toEqual(['A']);
    if (!r.ok) throw new Error('setup');
    expect(await c.engine.records.remove('lead', r.record.id, opts)).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: 'No deleting' },
    });
    // list (read), then remove: may the caller read the record at all (else not_found, before
    // its state), delete, and read again to choose between forbidden and not_found.
    expect(calls).toEqual(['create', 'create', 'read', 'read', 'delete', 'read']);
    expect(await c.count('e_lead', (r) => r.deleted_at !== null)).toBe(0);
    expect(await c.count('outbox')).toBe(2);
    await c.store.close();
  });
});
