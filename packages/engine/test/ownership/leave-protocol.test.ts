import { afterEach, describe, expect, it } from 'vitest';
import type { AppSpec } from '@trellis/spec';
import { createPermissionPort } from '../../src/index';
import { educationSpec } from '../automations/support/education';
import { createLead, setupAutomations, type Harness } from '../automations/support/harness';

let h: Harness;
afterEach(() => h?.store.close());

const person = (login: string, role: string, teams = ['tech']) => ({
  actor: { kind: 'user' as const, userId: `u-${login}`, role, teams },
  via: 'ui' as const,
  locale: 'en' as const,
});
const boss = person('chen.li', 'manager', ['sales']);
const protocol = {
  needs: ['周末班', '预算 8k', '想转行'],
  risks: ['拒绝电话推销', '比价'],
  open: ['试听时间未定'],
};

/** Leads ask for the protocol note; no automations (the test drives every step). */
function spec(): AppSpec {
  const s = educationSpec();
  return {
    ...s,
    automations: [],
    entities: s.entities.map((e) =>
      e.key === 'lead' ? { ...e, handover: { note: 'protocol' } } : e,
    ),
  } as AppSpec;
}

describe('a rep leaves, where the entity asks for the protocol note', () => {
  it('the preview says what the note lacks, each under its part, before anything runs', async () => {
    const s = spec();
    h = await setupAutomations({ spec: s, engine: { permissions: createPermissionPort(s) } });
    const leads = [];
    for (let i = 0; i < 3; i++)
      leads.push(
        await createLead(h, { name: `客户${i}`, ownerId: 'u-zhang.wei', teamId: 'tech' }, boss),
      );
    const to = { to: ['li.na', 'lin.fang'] };

    const bare = await h.engine.ownership.planLeave('zhang.wei', to, boss);
    expect(bare.ok).toBe(false);
    if (!bare.ok)
      expect(bare.error.errors.map((e) => e.path)).toEqual([
        '/note/needs',
        '/note/risks',
        '/note/open',
      ]);
    const partial = await h.engine.ownership.planLeave(
      'zhang.wei',
      { ...to, note: { ...protocol, risks: ['比价'] } },
      boss,
    );
    expect(!partial.ok && partial.error.errors.map((e) => e.path)).toEqual(['/note/risks']);
    // The run is refused the same way and moves nothing.
    const refused = await h.engine.ownership.leave('zhang.wei', { ...to, reason: '离职' }, boss);
    expect(refused.ok).toBe(false);
    const still = await h.engine.records.get('lead', leads[0]!.id, boss);
    expect(still.ok && still.record.ownerId).toBe('u-zhang.wei');

    const plan = await h.engine.ownership.planLeave('zhang.wei', { ...to, note: protocol }, boss);
    expect(plan.ok && plan.items.length).toBe(3);
    const done = await h.engine.ownership.leave(
      'zhang.wei',
      { ...to, reason: '离职', note: protocol },
      boss,
    );
    expect(done.ok && done.handovers).toBe(3);
    const handovers = await h.store.handovers.listFor('lead', leads[1]!.id);
    expect(handovers.map((x) => (x.summary as { note: unknown }).note)).toEqual([protocol]);
  });

  it('a rep with nothing open needs no note: the preview is an empty plan', async () => {
    const s = spec();
    h = await setupAutomations({ spec: s, engine: { permissions: createPermissionPort(s) } });
    const plan = await h.engine.ownership.planLeave('zhang.wei', { to: ['li.na'] }, boss);
    expect(plan.ok && plan.items).toEqual([]);
  });
});
