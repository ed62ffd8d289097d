import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { opts, setup } from '../../test/fixtures/harness';

let ctx = await setup();
afterEach(async () => {
  await ctx.store.close();
  ctx = await setup();
});
// The store the last test's clean-up opened.
afterAll(() => ctx.store.close());

const intake = {
  actor: { kind: 'public' as const },
  via: 'intake' as const,
  locale: 'en' as const,
  mode: 'merge' as const,
};

describe('identity matching', () => {
  it('treats every way of writing one mobile number as the same person', async () => {
    const first = await ctx.engine.records.create(
      'lead',
      { name: '李雷', phone: '+86 138-0013-8000' },
      opts,
    );
    expect(first.ok).toBe(true);
    for (const phone of ['8613800138000', '138 0013 8000', '１３８００１３８０００']) {
      const again = await ctx.engine.records.create('lead', { name: '李雷 2', phone }, opts);
      expect(again.ok).toBe(false);
      if (again.ok || !first.ok) continue;
      expect(again.error.code).toBe('duplicate');
      expect(again.error.details).toMatchObject({
        existingId: first.record.id,
        existingTitle: '李雷',
        key: ['phone'],
      });
      expect(again.error.message).toBe(
        `Possible duplicate: record "李雷" (${first.record.id}) already exists`,
      );
      expect(again.error.errors).toEqual([
        expect.objectContaining({ path: '/phone', code: 'duplicate' }),
      ]);
    }
    expect(await ctx.count('e_lead')).toBe(1);
    expect(await ctx.count('outbox')).toBe(1);
  });

  it('matches on email case-insensitively', async () => {
    await ctx.engine.records.create('lead', { name: 'A', email: 'Li.Lei@Example.com' }, opts);
    const r = await ctx.engine.records.create(
      'lead',
      { name: 'B', email: ' li.lei@example.COM ' },
      opts,
    );
    expect(!r.ok && r.error.code).toBe('duplicate');
  });

  it('merges intake into the existing record: fills empty fields, keeps filled ones, records a touch', async () => {
    const first = await ctx.engine.records.create(
      'lead',
      { name: '李雷', phone: '13800138000', source: 'referral' },
      opts,
    );
    if (!first.ok) throw new Error('setup');
    const merged = await ctx.engine.records.create(
      'lead',
      { name: 'Lei Li', phone: '8613800138000', email: 'li@example.com', source: 'douyin' },
      { ...intake, touch: { sourceKey: 'apply', utmSource: 'douyin', utmCampaign: 'spring' } },
    );
    expect(merged.ok).toBe(true);
    if (!merged.ok) return;
    expect(merged.merged).toBe(true);
    expect(merged.changed).toEqual(['email']);
    expect(merged.record).toMatchObject({
      id: first.record.id,
      name: '李雷',
      source: 'referral',
      email: 'li@example.com',
      version: 2,
    });
    expect(await ctx.count('e_lead')).toBe(1);
    expect(
      await ctx.count('touches', {
        record_id: first.record.id,
        kind: 'merge',
        utm_campaign: 'spring',
      }),
    ).toBe(1);
    expect((await ctx.outbox()).map((e) => e.type)).toEqual(['record.created', 'record.updated']);
    expect((await ctx.outbox())[1]!.payload).toMatchObject({
      changed: ['email'],
      before: { email: null },
      after: { email: 'li@example.com' },
      merged: true,
    });
  });

  it('records only a touch (no event) when a merge has nothing to fill', async () => {
    await ctx.engine.records.create('lead', { name: '李雷', phone: '13800138000' }, opts);
    const again = await ctx.engine.records.create(
      'lead',
      { name: 'X', phone: '13800138000' },
      intake,
    );
    expect(again.ok && again.changed).toEqual([]);
    expect(await ctx.count('touches')).toBe(1);
    expect((await ctx.outbox()).map((e) => e.type)).toEqual(['record.created']);
  });

  it('refuses an update that would give a record another record’s phone', async () => {
    await ctx.engine.records.create('lead', { name: 'A', phone: '13800138000' }, opts);
    const b = await ctx.engine.records.create('lead', { name: 'B', phone: '13900139000' }, opts);
    if (!b.ok) throw new Error('setup');
    const r = await ctx.engine.records.update(
      'lead',
      b.record.id,
      { phone: '+86 138 0013 8000' },
      { ...opts, version: 1 },
    );
    expect(!r.ok && r.error.code).toBe('duplicate');
    expect(await ctx.engine.records.get('lead', b.record.id, opts)).toMatchObject({
      ok: true,
      record: { phone: '+8613900139000', version: 1 },
    });
  });

  it('merges intake that lacks a required value into the existing record, but refuses it as a new one', async () => {
    const first = await ctx.engine.records.create(
      'lead',
      { name: '李雷', email: 'li@example.com' },
      opts,
    );
    if (!first.ok) throw new Error('setup');
    const merged = await ctx.engine.records.create(
      'lead',
      { email: 'LI@example.com', phone: '13800138000' },
      intake,
    );
    expect(merged.ok && merged.record).toMatchObject({
      id: first.record.id,
      name: '李雷',
      phone: '+8613800138000',
    });
    const fresh = await ctx.engine.records.create('lead', { email: 'new@example.com' }, intake);
    expect(!fresh.ok && fresh.error.errors.map((e) => [e.path, e.code])).toEqual([
      ['/name', 'required'],
    ]);
    expect(await ctx.count('e_lead')).toBe(1);
  });

  it('still validates merge input and refuses it whole when invalid', async () => {
    await ctx.engine.records.create('lead', { name: 'A', phone: '13800138000' }, opts);
    const r = await ctx.engine.records.create(
      'lead',
      { name: 'A', phone: '13800138000', email: 'nope' },
      intake,
    );
    expect(!r.ok && r.error.errors.map((e) => e.path)).toEqual(['/email']);
    expect(await ctx.count('touches')).toBe(0);
  });
});
