import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { setup } from '../../test/fixtures/harness';

let ctx = await setup();
afterEach(async () => {
  await ctx.store.close();
  ctx = await setup();
});
// The store the last test's clean-up opened.
afterAll(() => ctx.store.close());

const intake = (mode: 'create' | 'merge' | 'interactive') => ({
  actor: { kind: 'public' as const },
  via: 'intake' as const,
  locale: 'en' as const,
  mode,
});

describe("records.create mode 'create'", () => {
  it('inserts a new record even when an identity key matches (no merge, no duplicate refusal)', async () => {
    const first = await ctx.engine.records.create(
      'lead',
      { name: '李雷', phone: '13800138000' },
      intake('create'),
    );
    const second = await ctx.engine.records.create(
      'lead',
      { name: '李雷 again', phone: '+86 138 0013 8000' },
      intake('create'),
    );
    expect(first.ok && second.ok).toBe(true);
    if (!first.ok || !second.ok) return;
    expect(second.record.id).not.toBe(first.record.id);
    expect(second.merged).toBeUndefined();
    expect(second.record.name).toBe('李雷 again');
    expect(await ctx.count('e_lead')).toBe(2);
    // The same input in merge and interactive modes still finds the first record.
    const merged = await ctx.engine.records.create(
      'lead',
      { name: 'x', phone: '13800138000' },
      intake('merge'),
    );
    expect(merged.ok && merged.merged).toBe(true);
    const refused = await ctx.engine.records.create(
      'lead',
      { name: 'x', phone: '13800138000' },
      intake('interactive'),
    );
    expect(!refused.ok && refused.error.code).toBe('duplicate');
    expect(await ctx.count('e_lead')).toBe(2);
  });

  it('still refuses a taken unique value and still validates', async () => {
    const first = await ctx.engine.records.create(
      'lead',
      { name: 'A', orderNo: 'N-1' },
      intake('create'),
    );
    expect(first.ok).toBe(true);
    const taken = await ctx.engine.records.create(
      'lead',
      { name: 'B', orderNo: 'N-1' },
      intake('create'),
    );
    expect(taken.ok).toBe(false);
    const invalid = await ctx.engine.records.create(
      'lead',
      { name: 'C', phone: 'not a phone' },
      intake('create'),
    );
    expect(invalid.ok).toBe(false);
    expect(await ctx.count('e_lead')).toBe(1);
  });
});
