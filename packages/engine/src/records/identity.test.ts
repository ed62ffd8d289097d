import { afterEach, describe, expect, it } from 'vitest';
import { opts, setup } from '../../test/fixtures/harness';

let ctx = setup();
afterEach(() => {
  ctx.db.close();
  ctx = setup();
});

const intake = {
  actor: { kind: 'public' as const },
  via: 'intake' as const,
  locale: 'en' as const,
  mode: 'merge' as const,
};

describe('identity matching', () => {
  it('treats every way of writing one mobile number as the same person', () => {
    const first = ctx.engine.records.create(
      'lead',
      { name: '李雷', phone: '+86 138-0013-8000' },
      opts,
    );
    expect(first.ok).toBe(true);
    for (const phone of ['8613800138000', '138 0013 8000', '１３８００１３８０００']) {
      const again = ctx.engine.records.create('lead', { name: '李雷 2', phone }, opts);
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
    expect(ctx.count('e_lead')).toBe(1);
    expect(ctx.count('outbox')).toBe(1);
  });

  it('matches on email case-insensitively', () => {
    ctx.engine.records.create('lead', { name: 'A', email: 'Li.Lei@Example.com' }, opts);
    const r = ctx.engine.records.create('lead', { name: 'B', email: ' li.lei@example.COM ' }, opts);
    expect(!r.ok && r.error.code).toBe('duplicate');
  });

  it('merges intake into the existing record: fills empty fields, keeps filled ones, records a touch', () => {
    const first = ctx.engine.records.create(
      'lead',
      { name: '李雷', phone: '13800138000', source: 'referral' },
      opts,
    );
    if (!first.ok) throw new Error('setup');
    const merged = ctx.engine.records.create(
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
    expect(ctx.count('e_lead')).toBe(1);
    expect(
      ctx.count(
        'touches',
        "record_id = ? AND kind = 'merge' AND utm_campaign = 'spring'",
        first.record.id,
      ),
    ).toBe(1);
    expect(ctx.outbox().map((e) => e.type)).toEqual(['record.created', 'record.updated']);
    expect(ctx.outbox()[1]!.payload).toMatchObject({
      changed: ['email'],
      before: { email: null },
      after: { email: 'li@example.com' },
      merged: true,
    });
  });

  it('records only a touch (no event) when a merge has nothing to fill', () => {
    ctx.engine.records.create('lead', { name: '李雷', phone: '13800138000' }, opts);
    const again = ctx.engine.records.create('lead', { name: 'X', phone: '13800138000' }, intake);
    expect(again.ok && again.changed).toEqual([]);
    expect(ctx.count('touches')).toBe(1);
    expect(ctx.outbox().map((e) => e.type)).toEqual(['record.created']);
  });

  it('refuses an update that would give a record another record’s phone', () => {
    ctx.engine.records.create('lead', { name: 'A', phone: '13800138000' }, opts);
    const b = ctx.engine.records.create('lead', { name: 'B', phone: '13900139000' }, opts);
    if (!b.ok) throw new Error('setup');
    const r = ctx.engine.records.update(
      'lead',
      b.record.id,
      { phone: '+86 138 0013 8000' },
      { ...opts, version: 1 },
    );
    expect(!r.ok && r.error.code).toBe('duplicate');
    expect(ctx.engine.records.get('lead', b.record.id, opts)).toMatchObject({
      ok: true,
      record: { phone: '+8613900139000', version: 1 },
    });
  });

  it('merges intake that lacks a required value into the existing record, but refuses it as a new one', () => {
    const first = ctx.engine.records.create(
      'lead',
      { name: '李雷', email: 'li@example.com' },
      opts,
    );
    if (!first.ok) throw new Error('setup');
    const merged = ctx.engine.records.create(
      'lead',
      { email: 'LI@example.com', phone: '13800138000' },
      intake,
    );
    expect(merged.ok && merged.record).toMatchObject({
      id: first.record.id,
      name: '李雷',
      phone: '+8613800138000',
    });
    const fresh = ctx.engine.records.create('lead', { email: 'new@example.com' }, intake);
    expect(!fresh.ok && fresh.error.errors.map((e) => [e.path, e.code])).toEqual([
      ['/name', 'required'],
    ]);
    expect(ctx.count('e_lead')).toBe(1);
  });

  it('still validates merge input and refuses it whole when invalid', () => {
    ctx.engine.records.create('lead', { name: 'A', phone: '13800138000' }, opts);
    const r = ctx.engine.records.create(
      'lead',
      { name: 'A', phone: '13800138000', email: 'nope' },
      intake,
    );
    expect(!r.ok && r.error.errors.map((e) => e.path)).toEqual(['/email']);
    expect(ctx.count('touches')).toBe(0);
  });
});
