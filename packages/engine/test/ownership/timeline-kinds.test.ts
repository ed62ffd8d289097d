import { afterEach, describe, expect, it } from 'vitest';
import type { AppSpec } from '@trellis/spec';
import { createPermissionPort, type TimelineEntry } from '../../src/index';
import { educationSpec } from '../automations/support/education';
import { createLead, HOUR, setupAutomations, type Harness } from '../automations/support/harness';

let h: Harness;
afterEach(() => h?.store.close());

const person = (login: string, role: string) => ({
  actor: { kind: 'user' as const, userId: `u-${login}`, role, teams: ['tech'] },
  via: 'ui' as const,
  locale: 'en' as const,
});
const zhang = person('zhang.wei', 'sales');
const intake = {
  actor: { kind: 'public' as const },
  via: 'intake' as const,
  locale: 'en' as const,
};

function spec(poolPolicy: Record<string, unknown>): AppSpec {
  const s = educationSpec();
  return {
    ...s,
    automations: [],
    entities: s.entities.map((e) => (e.key === 'lead' ? { ...e, poolPolicy } : e)),
  } as AppSpec;
}

const ownerChanges = (entries: TimelineEntry[]) =>
  entries
    .filter((e): e is Extract<TimelineEntry, { kind: 'assignment' }> => e.kind === 'assignment')
    .map((e) => ({
      owner: e.changes.find((c) => c.field === 'ownerId')?.after ?? null,
      ownership: e.ownership,
    }));

describe('the timeline names owner changes by their ledger kind', () => {
  it('a claim from the pool, a release with its reason and a reclaim are not plain assignments', async () => {
    const s = spec({ reclaimAfter: '3d', warnBefore: '1d' });
    h = await setupAutomations({ spec: s, engine: { permissions: createPermissionPort(s) } });
    const lead = await createLead(h, { name: '公海客户' }, intake);
    h.clock.advance(HOUR);
    expect((await h.engine.ownership.claim('lead', lead.id, zhang)).ok).toBe(true);
    h.clock.advance(HOUR);
    expect((await h.engine.ownership.release('lead', lead.id, '客户无意向', zhang)).ok).toBe(true);
    h.clock.advance(HOUR);
    expect((await h.engine.ownership.claim('lead', lead.id, zhang)).ok).toBe(true);
    h.clock.advance(4 * 24 * HOUR);
    expect((await h.automations.tick()).pool?.reclaimed).toBe(1);

    const t = await h.engine.timeline('lead', lead.id, person('chen.li', 'manager'));
    if (!t.ok) throw new Error(t.error.message);
    // Newest first: the reclaim, the second claim, the release (with its reason), the first claim.
    expect(ownerChanges(t.entries)).toEqual([
      { owner: null, ownership: { kind: 'reclaim', reason: expect.any(String) } },
      { owner: 'u-zhang.wei', ownership: { kind: 'claim', reason: null } },
      { owner: null, ownership: { kind: 'release', reason: '客户无意向' } },
      { owner: 'u-zhang.wei', ownership: { kind: 'claim', reason: null } },
    ]);
  });

  it('an owner set by hand is an assign or a transfer', async () => {
    const s = spec({});
    h = await setupAutomations({ spec: s, engine: { permissions: createPermissionPort(s) } });
    const boss = person('chen.li', 'manager');
    const lead = await createLead(h, { name: '分配客户' }, intake);
    h.clock.advance(HOUR);
    const got = await h.engine.records.get('lead', lead.id, boss);
    if (!got.ok) throw new Error('get');
    const a = await h.engine.records.update(
      'lead',
      lead.id,
      { ownerId: 'u-zhang.wei' },
      {
        ...boss,
        version: got.record.version as number,
      },
    );
    if (!a.ok) throw new Error(a.error.message);
    h.clock.advance(HOUR);
    const b = await h.engine.records.update(
      'lead',
      lead.id,
      { ownerId: 'u-li.na' },
      {
        ...boss,
        version: a.record.version as number,
      },
    );
    expect(b.ok).toBe(true);
    const t = await h.engine.timeline('lead', lead.id, boss);
    if (!t.ok) throw new Error(t.error.message);
    expect(ownerChanges(t.entries).map((c) => c.ownership?.kind)).toEqual(['transfer', 'assign']);
  });
});
