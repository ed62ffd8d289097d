import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppSpec } from '@trellis/spec';
import { leadApp } from '../../test/fixtures/lead-app';
import { setup, teardown } from '../../test/fixtures/harness';
import { createPermissionPort } from '../index';

const spec: AppSpec = {
  ...leadApp,
  roles: [
    {
      key: 'sales',
      label: { 'zh-CN': '销售', en: 'Sales' },
      entities: { lead: { create: true, read: 'own', update: 'own', delete: 'none' } },
      fields: { lead: { discount: 'hidden' } },
    },
  ],
};
let ctx: Awaited<ReturnType<typeof setup>>;
beforeEach(async () => {
  ctx = await setup(spec, { permissions: createPermissionPort(spec) });
});
afterEach(() => teardown(ctx.store));

const as = (userId: string) => ({
  actor: { kind: 'user' as const, userId, role: 'sales' },
  via: 'ui' as const,
  locale: 'en' as const,
});
const system = { actor: { kind: 'system' as const }, via: 'system' as const };

async function seed() {
  for (const id of ['amy', 'bob']) await ctx.addUser(id);
  const rows = [
    { name: 'a1', source: 'douyin', budget: 100_00, ownerId: 'amy' },
    { name: 'a2', source: 'douyin', budget: 50_00, ownerId: 'amy' },
    { name: 'a3', source: 'website', budget: null, ownerId: 'amy' },
    { name: 'b1', source: 'douyin', budget: 999_00, ownerId: 'bob' },
  ];
  for (const r of rows) {
    const res = await ctx.engine.records.create('lead', r, system);
    if (!res.ok) throw new Error(JSON.stringify(res.error));
  }
}

describe('records.groups', async () => {
  it("counts and sums only the records the actor may read, under the caller's filter and search", async () => {
    await seed();
    const bySource = await ctx.engine.records.groups(
      'lead',
      { by: 'source', sums: ['budget'] },
      as('amy'),
    );
    expect(bySource).toEqual({
      ok: true,
      groups: [
        { value: 'douyin', count: 2, sums: { budget: 150_00 } },
        { value: 'website', count: 1, sums: { budget: null } },
      ],
    });
    const filtered = await ctx.engine.records.groups(
      'lead',
      { by: 'stage', filter: { '>=': [{ var: 'budget' }, 60_00] } },
      as('amy'),
    );
    expect(filtered.ok && filtered.groups).toEqual([{ value: 'new', count: 1, sums: {} }]);
    const searched = await ctx.engine.records.groups('lead', { search: 'a3' }, as('amy'));
    expect(searched.ok && searched.groups.map((g) => g.count)).toEqual([1]);
    const nobody = await ctx.engine.records.groups('lead', { by: 'source' }, as('carol'));
    expect(nobody).toEqual({ ok: true, groups: [] });
  });

  it('refuses grouping, summing or filtering by a hidden field as an unknown field', async () => {
    await seed();
    for (const query of [
      { by: 'discount' },
      { sums: ['discount'] },
      { filter: { '>': [{ var: 'discount' }, 1] } },
    ]) {
      const res = await ctx.engine.records.groups('lead', query, as('amy'));
      expect(!res.ok && res.error.errors.map((e) => e.code)).toEqual(['unknown_field']);
    }
    const text = await ctx.engine.records.groups('lead', { sums: ['name'] }, as('amy'));
    expect(!text.ok && text.error.errors[0]).toMatchObject({
      path: '/sums/0',
      code: 'unknown_field',
    });
  });

  it('resolves startOf periods in the time zone given', async () => {
    // Created Tuesday 23:00 in Shanghai (15:00 UTC); asked at Wednesday 01:30 in Shanghai.
    ctx.clock.set(Date.UTC(2026, 2, 3, 15));
    await seed();
    ctx.clock.set(Date.UTC(2026, 2, 3, 17, 30));
    const today = { '>=': [{ var: 'createdAt' }, { startOf: ['day'] }] };
    const count = async (timeZone: string) => {
      const res = await ctx.engine.records.groups('lead', { filter: today, timeZone }, as('amy'));
      return res.ok ? (res.groups[0]?.count ?? 0) : res.error.code;
    };
    expect(await count('UTC')).toBe(3);
    expect(await count('Asia/Shanghai')).toBe(0);
  });
});
