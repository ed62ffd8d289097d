import { afterAll, describe, expect, it } from 'vitest';
import { setup } from '../../test/fixtures/harness';

const ctx = await setup();
afterAll(() => ctx.store.close());
const junk: unknown[] = [
  undefined,
  null,
  42,
  'text',
  [],
  [1],
  { name: { nested: true } },
  { __proto__: { polluted: true } },
  Symbol.for('x'),
];

describe('bad input never throws past the engine', () => {
  it('returns error values for junk in every argument position', async () => {
    const e = ctx.engine;
    const calls: (() => unknown)[] = [];
    for (const j of junk) {
      const a = j as never;
      calls.push(
        () => e.records.create('lead', a, a),
        () => e.records.create(a, { name: 'x' }, { actor: { kind: 'system' } }),
        () => e.records.update('lead', a, a, a),
        () => e.records.changeStage('lead', 'x', a, a),
        () => e.records.remove('lead', a, a),
        () => e.records.restore('lead', a, a),
        () => e.records.get('lead', a, a),
        () => e.records.list('lead', a, a),
        () =>
          e.records.list(
            'lead',
            { filter: a, sort: a, cursor: a, limit: a },
            { actor: { kind: 'system' } },
          ),
        () => e.activities.log('lead', a, a, a),
        () => e.tasks.create(a, a),
        () => e.tasks.complete(a, a),
        () => e.timeline('lead', a, a),
      );
    }
    for (const call of calls) {
      const r = (await call()) as { ok: boolean; error?: { code: string; message: string } };
      expect(typeof r.ok).toBe('boolean');
      if (!r.ok) expect(typeof r.error?.message).toBe('string');
    }
    expect(await ctx.count('e_lead')).toBe(0);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('treats a call without an actor as anonymous, not as the system', async () => {
    let seen: unknown;
    const c = await setup(undefined, {
      permissions: { check: (actor) => ((seen = actor), { allowed: actor.kind !== 'public' }) },
    });
    expect(await c.engine.records.create('lead', { name: 'x' }, undefined as never)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(seen).toEqual({ kind: 'public' });
    await c.store.close();
  });
});
