import { afterEach, describe, expect, it } from 'vitest';
import { admin, intake, setupAutomations, type Harness } from './automations/support/harness';

let h: Harness;
afterEach(() => h?.store.close());

describe('timeline of an automatically assigned lead', () => {
  it('says which automation picked the owner and why', async () => {
    h = await setupAutomations();
    const created = await h.engine.records.create(
      'lead',
      { name: '李雷', phone: '+8613900000001', source: 'website', course: 'python' },
      intake,
    );
    if (!created.ok) throw new Error(JSON.stringify(created.error));
    await h.automations.drain();
    const t = await h.engine.timeline('lead', created.record.id, admin);
    if (!t.ok) throw new Error(t.error.message);
    const assignment = t.entries.find((e) => e.kind === 'assignment');
    expect(assignment).toMatchObject({ kind: 'assignment', via: 'automation' });
    if (assignment?.kind !== 'assignment') return;
    const owner = assignment.changes.find((c) => c.field === 'ownerId')?.after;
    expect(owner).toBeTruthy();
    expect(assignment.reason).toMatchObject({
      automationKey: expect.any(String),
      trace: { chosen: owner },
    });
    expect(assignment.reason?.trace.strategy).toBeDefined();
  });

  it('leaves a manual reassignment without an automation reason', async () => {
    h = await setupAutomations();
    const created = await h.engine.records.create(
      'lead',
      { name: '韩梅梅', phone: '+8613900000002', source: 'website' },
      intake,
    );
    if (!created.ok) throw new Error('setup');
    await h.engine.records.update('lead', created.record.id, { ownerId: 'someone' }, admin);
    const t = await h.engine.timeline('lead', created.record.id, admin);
    const assignment = t.ok ? t.entries.find((e) => e.kind === 'assignment') : undefined;
    expect(assignment && 'reason' in assignment ? assignment.reason : undefined).toBeUndefined();
  });
});
