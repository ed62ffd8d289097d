import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { AppSpec } from '@trellis/spec';
import { leadApp } from '../../test/fixtures/lead-app';
import { setup } from '../../test/fixtures/harness';
import { createPermissionPort } from '../index';

const spec: AppSpec = {
  ...leadApp,
  roles: [
    {
      key: 'sales',
      label: { 'zh-CN': '销售', en: 'Sales' },
      entities: { lead: { create: true, read: 'own+pool', update: 'own', delete: 'none' } },
      fields: { lead: { budget: 'readonly', notes: 'hidden' } },
    },
    {
      key: 'intern',
      label: { 'zh-CN': '实习生', en: 'Intern' },
      entities: { lead: { create: false, read: 'all', update: 'none', delete: 'none' } },
      fields: { lead: { phone: 'hidden', email: 'hidden' } },
    },
  ],
};
let ctx = await setup(spec, { permissions: createPermissionPort(spec) });
afterEach(async () => {
  await ctx.store.close();
  ctx = await setup(spec, { permissions: createPermissionPort(spec) });
});
// The store the last test's clean-up opened.
afterAll(() => ctx.store.close());

const amy = {
  actor: { kind: 'user' as const, userId: 'u-amy', role: 'sales' },
  via: 'ui' as const,
  locale: 'en' as const,
};
const bob = {
  actor: { kind: 'user' as const, userId: 'u-bob', role: 'sales' },
  via: 'ui' as const,
  locale: 'en' as const,
};

describe('the role model as the permission port', () => {
  it('scopes reads, writes, lists and fields to the actor', async () => {
    const mine = await ctx.engine.records.create(
      'lead',
      { name: 'Amy’s lead', phone: '13800138001' },
      amy,
    );
    expect(mine.ok && mine.record.ownerId).toBe('u-amy');
    expect(mine.ok && 'notes' in mine.record).toBe(false);
    if (!mine.ok) return;
    const pooled = await ctx.engine.records.create(
      'lead',
      { name: 'Pool lead' },
      { actor: { kind: 'public' }, via: 'intake' },
    );
    expect(pooled.ok).toBe(true);

    // Bob cannot see Amy's record at all (not even that it exists), but sees the pool.
    expect(await ctx.engine.records.get('lead', mine.record.id, bob)).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(
      await ctx.engine.records.update('lead', mine.record.id, { name: 'x' }, bob),
    ).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    const list = await ctx.engine.records.list('lead', {}, bob);
    expect(list.ok && list.records.map((r) => r.name)).toEqual(['Pool lead']);

    // Amy may edit her lead but not its read-only budget or hidden notes, and may not delete it.
    const edit = await ctx.engine.records.update(
      'lead',
      mine.record.id,
      { budget: 5, notes: 'secret' },
      amy,
    );
    expect(!edit.ok && edit.error.errors.map((e) => [e.path, e.code])).toEqual([
      ['/notes', 'unknown_field'],
      ['/budget', 'field_readonly'],
    ]);
    // Sending a hidden field's current value must not confirm a guess either; an unchanged
    // read-only value (a form echoing the record back) is fine.
    const echo = await ctx.engine.records.update(
      'lead',
      mine.record.id,
      { notes: null, budget: mine.record.budget ?? null },
      amy,
    );
    expect(!echo.ok && echo.error.errors.map((e) => [e.path, e.code])).toEqual([
      ['/notes', 'unknown_field'],
    ]);
    expect(await ctx.engine.records.remove('lead', mine.record.id, amy)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect((await ctx.outbox()).map((e) => e.type)).toEqual(['record.created', 'record.created']);

    // Filtering or sorting on a hidden field would reveal it: refused like an unknown field.
    const probe = await ctx.engine.records.list(
      'lead',
      { filter: { '==': [{ var: 'notes' }, 'secret'] }, sort: [{ field: 'notes' }] },
      amy,
    );
    expect(!probe.ok && probe.error.errors.map((e) => [e.path, e.code])).toEqual([
      ['/filter', 'unknown_field'],
      ['/sort/0/field', 'unknown_field'],
    ]);
    expect(
      (await ctx.engine.records.list('lead', { filter: { '==': [{ var: 'budget' }, null] } }, amy))
        .ok,
    ).toBe(true);
  });
});

describe('search and hidden fields', () => {
  it('never matches on a value hidden from the actor', async () => {
    const made = await ctx.engine.records.create(
      'lead',
      { name: 'Zhou Min', phone: '13800138123', email: 'zhou.min@example.com' },
      amy,
    );
    expect(made.ok).toBe(true);
    const intern = {
      actor: { kind: 'user' as const, userId: 'u-ivy', role: 'intern' },
      locale: 'en' as const,
    };
    const names = async (search: string, o: typeof amy | typeof intern) => {
      const r = await ctx.engine.records.list('lead', { search, count: true }, o);
      return r.ok ? [r.records.map((x) => x.name), r.total] : r.error;
    };
    // The owner, who sees the phone, finds the lead by its digits; the intern does not.
    expect(await names('138123', amy)).toEqual([['Zhou Min'], 1]);
    expect(await names('138123', intern)).toEqual([[], 0]);
    expect(await names('zhou.min@', intern)).toEqual([[], 0]);
    expect(await names('8', intern)).toEqual([[], 0]);
    // The name is readable, so it still matches (trigram and short scans alike).
    expect(await names('Zhou', intern)).toEqual([['Zhou Min'], 1]);
    expect(await names('Mi', intern)).toEqual([['Zhou Min'], 1]);
  });
});

describe('duplicate refusals and what they reveal', () => {
  it('names the existing record only to someone who may read it', async () => {
    const amys = await ctx.engine.records.create(
      'lead',
      { name: '王小明', phone: '13800138077' },
      amy,
    );
    expect(amys.ok).toBe(true);
    if (!amys.ok) return;

    // Amy owns it: the refusal links to her record.
    const again = await ctx.engine.records.create(
      'lead',
      { name: 'Copy', phone: '138 0013 8077' },
      amy,
    );
    expect(again.ok).toBe(false);
    if (again.ok) return;
    expect(again.error.code).toBe('duplicate');
    expect(again.error.details).toMatchObject({
      existingId: amys.record.id,
      existingTitle: '王小明',
    });

    // Bob cannot read Amy's lead: still refused (identity holds on every write), but neither
    // its id nor its title appears anywhere in the error.
    const bobs = await ctx.engine.records.create(
      'lead',
      { name: 'Bob copy', phone: '+86 138-0013-8077' },
      bob,
    );
    expect(bobs.ok).toBe(false);
    if (bobs.ok) return;
    expect(bobs.error.code).toBe('duplicate');
    expect(bobs.error.errors).toEqual([
      {
        path: '/phone',
        code: 'duplicate',
        message: expect.stringContaining('cannot see'),
        params: { field: 'phone' },
      },
    ]);
    const text = JSON.stringify(bobs.error);
    expect(text).not.toContain(amys.record.id);
    expect(text).not.toContain('王小明');
  });
});
