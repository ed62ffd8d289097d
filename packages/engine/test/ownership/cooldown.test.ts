import { afterEach, describe, expect, it } from 'vitest';
import type { AppSpec } from '@trellis/spec';
import { leadApp } from '../fixtures/lead-app';
import { HOUR, setup } from '../fixtures/harness';
import { createPermissionPort } from '../../src/index';

const spec: AppSpec = {
  ...leadApp,
  roles: [
    {
      key: 'sales',
      label: { 'zh-CN': '销售', en: 'Sales' },
      entities: { lead: { create: true, read: 'own', update: 'own', delete: 'own' } },
    },
    {
      key: 'manager',
      label: { 'zh-CN': '经理', en: 'Manager' },
      entities: { lead: { create: true, read: 'all', update: 'own', delete: 'own' } },
    },
  ],
};
const as = (userId: string) => ({
  actor: { kind: 'user' as const, userId, role: 'sales' },
  via: 'ui' as const,
  locale: 'en' as const,
});
const boss = { actor: { kind: 'system' as const }, via: 'system' as const, locale: 'en' as const };

let ctx: Awaited<ReturnType<typeof setup>>;
afterEach(() => ctx?.store.close());

async function handedOver() {
  ctx = await setup(spec, { permissions: createPermissionPort(spec) });
  for (const u of ['u-amy', 'u-bob']) await ctx.addUser(u);
  const made = await ctx.engine.records.create('lead', { name: '王小明', vip: true }, as('u-amy'));
  if (!made.ok) throw new Error(made.error.message);
  const id = made.record.id;
  const moved = await ctx.engine.records.update(
    'lead',
    id,
    { ownerId: 'u-bob' },
    { ...boss, ownership: { kind: 'handover', readUntil: ctx.clock.now() + 48 * HOUR } },
  );
  expect(moved.ok).toBe(true);
  return id;
}

describe('the handover cooldown in the permission model', () => {
  it('lets the previous owner read, never change, the record on every surface until it ends', async () => {
    const id = await handedOver();
    const amy = as('u-amy');
    expect((await ctx.engine.records.get('lead', id, amy)).ok).toBe(true);
    const list = await ctx.engine.records.list('lead', { count: true }, amy);
    expect(list.ok && list.records.map((r) => r.id)).toEqual([id]);
    const found = await ctx.engine.records.list('lead', { search: '王小明' }, amy);
    expect(found.ok && found.records.map((r) => r.id)).toEqual([id]);
    const board = await ctx.engine.records.groups('lead', { by: 'vip' }, amy);
    expect(board.ok && board.groups.map((g) => g.count)).toEqual([1]);
    expect((await ctx.engine.timeline('lead', id, amy)).ok).toBe(true);
    expect(
      ctx.engine.permissions.can({ ...amy.actor, cooldown: { lead: [id] } }, 'read', 'lead', {
        id,
        ownerId: 'u-bob',
      }),
    ).toBe(true);

    const change = await ctx.engine.records.update('lead', id, { name: '王大明' }, amy);
    expect(change).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const remove = await ctx.engine.records.remove('lead', id, amy);
    expect(remove.ok).toBe(false);
    const note = await ctx.engine.activities.log('lead', id, { type: 'call', body: 'hi' }, amy);
    expect(note.ok).toBe(false);

    // The new owner reads and changes it as usual; someone else never saw it.
    expect((await ctx.engine.records.update('lead', id, { name: '王大明' }, as('u-bob'))).ok).toBe(
      true,
    );
  });

  it('ends after the cooldown: the record is gone for the previous owner everywhere', async () => {
    const id = await handedOver();
    const amy = as('u-amy');
    ctx.clock.advance(48 * HOUR - 1);
    expect((await ctx.engine.records.get('lead', id, amy)).ok).toBe(true);
    ctx.clock.advance(1);
    expect(await ctx.engine.records.get('lead', id, amy)).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    const list = await ctx.engine.records.list('lead', {}, amy);
    expect(list.ok && list.records).toEqual([]);
    const board = await ctx.engine.records.groups('lead', {}, amy);
    expect(board.ok && board.groups.reduce((n, g) => n + g.count, 0)).toBe(0);
    expect((await ctx.engine.timeline('lead', id, amy)).ok).toBe(false);
  });

  it('reads the ledger only for an actor a cooldown could widen, not one who reads everything', async () => {
    const id = await handedOver();
    let lookups = 0;
    const cooldownIds = ctx.store.ownership.cooldownIds.bind(ctx.store.ownership);
    ctx.store.ownership.cooldownIds = (...args) => {
      lookups++;
      return cooldownIds(...args);
    };
    const manager = { ...as('u-amy'), actor: { ...as('u-amy').actor, role: 'manager' } };
    expect((await ctx.engine.records.get('lead', id, manager)).ok).toBe(true);
    const made = await ctx.engine.records.create('lead', { name: '韩梅梅' }, manager);
    expect(made.ok).toBe(true);
    expect(lookups).toBe(0);
    // As a rep the same user reads it through the cooldown alone: looked up.
    expect((await ctx.engine.records.get('lead', id, as('u-amy'))).ok).toBe(true);
    expect(lookups).toBe(1);
  });

  it('gives nothing to a transfer without a cooldown', async () => {
    ctx = await setup(spec, { permissions: createPermissionPort(spec) });
    for (const u of ['u-amy', 'u-bob']) await ctx.addUser(u);
    const made = await ctx.engine.records.create('lead', { name: '李雷' }, as('u-amy'));
    if (!made.ok) throw new Error(made.error.message);
    await ctx.engine.records.update('lead', made.record.id, { ownerId: 'u-bob' }, boss);
    expect((await ctx.engine.records.get('lead', made.record.id, as('u-amy'))).ok).toBe(false);
  });
});
