import { afterEach, describe, expect, it } from 'vitest';
import type { AppSpec } from '@trellis/spec';
import { createPermissionPort } from '../../src/index';
import { educationSpec } from '../automations/support/education';
import { createLead, setupAutomations, type Harness } from '../automations/support/harness';

let h: Harness;
afterEach(() => h?.store.close());

const person = (login: string, role: string, teams = ['tech'], locale: 'en' | 'zh-CN' = 'en') => ({
  actor: { kind: 'user' as const, userId: `u-${login}`, role, teams },
  via: 'ui' as const,
  locale,
});
const zhang = person('zhang.wei', 'sales');
const boss = person('chen.li', 'manager', ['sales']);

/** Course advisors here cannot see leads at all (the template lets them read, not change). */
function spec(): AppSpec {
  const s = educationSpec();
  return {
    ...s,
    automations: [],
    roles: (s.roles ?? []).map((r) =>
      r.key === 'advisor'
        ? { ...r, entities: { ...r.entities, lead: { ...r.entities?.lead, read: 'none' } } }
        : r,
    ),
  } as AppSpec;
}

describe('who may take a record over', () => {
  it('refuses a new owner whose role cannot see the entity, on the handover and on a rep leaving', async () => {
    const s = spec();
    h = await setupAutomations({ spec: s, engine: { permissions: createPermissionPort(s) } });
    const lead = await createLead(h, { ownerId: 'u-zhang.wei', teamId: 'tech' }, boss);

    const refused = await h.engine.ownership.handover('lead', [lead.id], { to: 'ma.li' }, zhang);
    expect(refused).toMatchObject({
      ok: false,
      error: { errors: [{ path: '/to', code: 'cannot_own' }] },
    });
    const zh = await h.engine.ownership.handover(
      'lead',
      [lead.id],
      { to: 'ma.li' },
      person('zhang.wei', 'sales', ['tech'], 'zh-CN'),
    );
    expect(!zh.ok && zh.error.errors[0]?.message).toMatch(/看不到/);
    const still = await h.engine.records.get('lead', lead.id, boss);
    expect(still.ok && still.record.ownerId).toBe('u-zhang.wei');

    // A rep leaving: the one who cannot see leads is named at their place in `to`.
    const plan = await h.engine.ownership.planLeave('zhang.wei', { to: ['li.na', 'ma.li'] }, boss);
    expect(plan).toMatchObject({
      ok: false,
      error: { errors: [{ path: '/to/1', code: 'cannot_own' }] },
    });
    expect((await h.engine.ownership.leave('zhang.wei', { to: ['li.na', 'ma.li'] }, boss)).ok).toBe(
      false,
    );
    // The template's own advisors (read, not change) may still own leads.
    const template = educationSpec();
    const g = await setupAutomations({
      spec: { ...template, automations: [] } as AppSpec,
      engine: { permissions: createPermissionPort(template) },
    });
    try {
      const other = await createLead(g, { ownerId: 'u-zhang.wei', teamId: 'tech' }, boss);
      expect(
        (await g.engine.ownership.handover('lead', [other.id], { to: 'ma.li' }, zhang)).ok,
      ).toBe(true);
    } finally {
      await g.store.close();
    }
  });
});
