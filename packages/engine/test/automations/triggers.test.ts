import { afterEach, describe, expect, it } from 'vitest';
import {
  admin,
  HOUR,
  marker,
  setupAutomations,
  specWith,
  type Harness,
  createLead,
} from './support/harness';
import { pick } from '../fixtures/rows';

let h: Harness;
afterEach(() => h?.store.close());
const label = { 'zh-CN': '测试', en: 'Test' };

function lead(values: Record<string, unknown> = {}) {
  return createLead(h, { name: 'T', ...values });
}
const fired = async () => (await h.rows('tasks')).map((t) => t.title);
const auto = (key: string, on: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  key,
  label,
  on,
  do: [marker(key)],
  ...extra,
});

describe('triggers', () => {
  it('record.created fires once per created record of its entity', async () => {
    h = await setupAutomations({
      spec: specWith([
        auto('created', { type: 'record.created', entity: 'lead' }),
        auto('student-created', { type: 'record.created', entity: 'student' }),
      ]),
    });
    await lead();
    await lead();
    await h.automations.drain();
    expect(await fired()).toEqual(['created', 'created']);
  });

  it('record.updated fires only when a watched field changed', async () => {
    h = await setupAutomations({
      spec: specWith([
        auto('course-updated', { type: 'record.updated', entity: 'lead', fields: ['course'] }),
        auto('any-update', { type: 'record.updated', entity: 'lead' }),
      ]),
    });
    const r = await lead({ course: 'java' });
    await h.engine.records.update('lead', r.id, { notes: 'hello' }, admin);
    await h.automations.drain();
    expect(await fired()).toEqual(['any-update']);
    await h.engine.records.update('lead', r.id, { course: 'python' }, admin);
    await h.automations.drain();
    expect(await fired()).toEqual(['any-update', 'course-updated', 'any-update']);
  });

  it('field.changed gives conditions the previous value ($previous, changedFrom)', async () => {
    h = await setupAutomations({
      spec: specWith([
        auto(
          'from-java',
          { type: 'field.changed', entity: 'lead', field: 'course' },
          { if: { '==': [{ var: '$previous.course' }, 'java'] } },
        ),
        auto(
          'changed-from-java',
          { type: 'field.changed', entity: 'lead', field: 'course' },
          { if: { changedFrom: ['course', 'java'] } },
        ),
        auto('stage-field', { type: 'field.changed', entity: 'lead', field: 'stage' }),
      ]),
    });
    const r = await lead({ course: 'java' });
    await h.engine.records.update('lead', r.id, { course: 'python' }, admin);
    await h.engine.records.update('lead', r.id, { course: 'uiDesign' }, admin);
    await h.automations.drain();
    expect(await fired()).toEqual(['from-java', 'changed-from-java']);
    const skipped = await h.automations.runs({ automationKey: 'from-java', status: 'skipped' });
    expect(skipped).toHaveLength(1);
    expect(skipped[0]?.conditionTrace?.failed[0]?.value).toBe(false);
    // The stage is a field too: a stage change fires field.changed on "stage".
    await h.engine.records.update(
      'lead',
      r.id,
      { budgetRange: 'under5k', decisionCycle: 'withinWeek' },
      admin,
    );
    await h.engine.records.changeStage('lead', r.id, 'qualified', admin);
    await h.automations.drain();
    expect((await fired()).filter((t) => t === 'stage-field')).toHaveLength(1);
  });

  it('stage.entered and stage.exited fire for their stage only', async () => {
    h = await setupAutomations({
      spec: specWith([
        auto('entered-qualified', { type: 'stage.entered', entity: 'lead', stage: 'qualified' }),
        auto('exited-new', { type: 'stage.exited', entity: 'lead', stage: 'new' }),
        auto(
          'entered-any',
          { type: 'stage.entered', entity: 'lead' },
          { if: { '==': [{ var: '$previous.stage' }, 'qualified'] } },
        ),
      ]),
    });
    const r = await lead({
      course: 'java',
      budgetRange: 'under5k',
      decisionCycle: 'withinWeek',
      lossReason: 'price',
    });
    await h.engine.records.changeStage('lead', r.id, 'qualified', admin);
    await h.automations.drain();
    expect(await fired()).toEqual(['entered-qualified', 'exited-new']);
    await h.engine.records.changeStage('lead', r.id, 'lost', admin);
    await h.automations.drain();
    expect(await fired()).toEqual(['entered-qualified', 'exited-new', 'entered-any']);
  });

  it('activity.logged fires for its activity type', async () => {
    h = await setupAutomations({
      spec: specWith([
        auto('called', { type: 'activity.logged', entity: 'lead', activityType: 'call' }),
        auto('any-activity', { type: 'activity.logged', entity: 'lead' }),
      ]),
    });
    const r = await lead();
    await h.engine.activities.log('lead', r.id, { type: 'note', body: 'n' }, admin);
    await h.engine.activities.log('lead', r.id, { type: 'call', body: 'c' }, admin);
    await h.automations.drain();
    expect(await fired()).toEqual(['any-activity', 'called', 'any-activity']);
  });

  it('form.submitted and webhook.received fire for their form and source', async () => {
    h = await setupAutomations({
      spec: specWith([
        auto('form', { type: 'form.submitted', form: 'lead-intake' }),
        auto('hook', { type: 'webhook.received', source: 'douyin' }),
      ]),
    });
    const r = await lead();
    await h.automations.emit({
      type: 'form.submitted',
      entity: 'lead',
      recordId: r.id,
      payload: { form: 'other-form' },
    });
    await h.automations.emit({
      type: 'form.submitted',
      entity: 'lead',
      recordId: r.id,
      payload: { form: 'lead-intake' },
    });
    await h.automations.emit({
      type: 'webhook.received',
      entity: 'lead',
      recordId: r.id,
      payload: { source: 'douyin' },
    });
    await h.automations.drain();
    expect(await fired()).toEqual(['form', 'hook']);
    expect(pick(await h.rows('tasks'), ['record_id'])).toEqual([
      { record_id: r.id },
      { record_id: r.id },
    ]);
  });

  it('sla.breached fires for its stage when the sweep finds an overdue record', async () => {
    h = await setupAutomations({
      spec: specWith([
        auto('late-new', { type: 'sla.breached', entity: 'lead', stage: 'new' }),
        auto('late-trial', { type: 'sla.breached', entity: 'lead', stage: 'trial' }),
      ]),
    });
    // An owned lead: the SLA reminds an owner, so a pool lead has none armed.
    await lead({ ownerId: 'u-li.na' });
    h.clock.advance(49 * HOUR);
    expect((await h.automations.tick()).breaches).toBe(1);
    await h.automations.drain();
    expect(await fired()).toEqual(['late-new']);
  });

  it('manual fires for each record of the selection, as the person who pressed the button', async () => {
    h = await setupAutomations({
      spec: specWith([
        {
          key: 'claim',
          label,
          on: { type: 'manual', entity: 'lead', label, bulk: true, roles: ['sales'] },
          do: [{ type: 'claimFromPool' }],
        },
      ]),
    });
    const a = await lead();
    const b = await lead();
    const res = await h.automations.runManual('claim', [a.id, b.id], {
      kind: 'user',
      userId: 'u-zhang.wei',
      role: 'sales',
    });
    expect(res.ok).toBe(true);
    await h.automations.drain();
    for (const id of [a.id, b.id]) {
      const r = await h.engine.records.get('lead', id, admin);
      expect(r.ok && r.record.ownerId).toBe('u-zhang.wei');
    }
    expect((await h.automations.runs({ automationKey: 'claim' })).map((r) => r.status)).toEqual([
      'succeeded',
      'succeeded',
    ]);
    expect(await h.automations.runManual('nope', [a.id], { kind: 'user' })).toMatchObject({
      ok: false,
      error: { code: 'automation.unknown' },
    });
    expect(await h.automations.runManual('claim', [], { kind: 'user' })).toMatchObject({
      ok: false,
      error: { code: 'automation.selection', message: 'Select at least one record' },
    });
  });

  it('a manual automation without bulk refuses a selection of several records', async () => {
    h = await setupAutomations({
      spec: specWith([auto('one', { type: 'manual', entity: 'lead', label })]),
    });
    const a = await lead();
    const b = await lead();
    expect(await h.automations.runManual('one', [a.id, b.id], { kind: 'user' })).toMatchObject({
      ok: false,
      error: {
        code: 'automation.selection',
        message: 'Automation "one" runs on one record at a time',
      },
    });
    expect((await h.automations.runManual('one', [a.id], { kind: 'user', role: 'admin' })).ok).toBe(
      true,
    );
    await h.automations.drain();
    expect(await fired()).toEqual(['one']);
  });

  it('a manual run needs manageAutomations or a role the button names (issue 11 item 5)', async () => {
    h = await setupAutomations({
      spec: specWith([
        auto('webhook-it', { type: 'manual', entity: 'lead', label }),
        auto('release', { type: 'manual', entity: 'lead', label, roles: ['sales'] }),
      ]),
    });
    const a = await lead();
    const rep = { kind: 'user' as const, userId: 'u-zhang.wei', role: 'sales' };
    const manager = { kind: 'user' as const, userId: 'u-chen.li', role: 'manager' };
    for (const actor of [rep, manager, { kind: 'user' as const }, { kind: 'public' as const }])
      expect(await h.automations.runManual('webhook-it', [a.id], actor)).toMatchObject({
        ok: false,
        error: { code: 'automation.forbidden' },
      });
    expect(await h.automations.runManual('release', [a.id], manager)).toMatchObject({
      ok: false,
      error: {
        code: 'automation.forbidden',
        message: expect.stringContaining('manageAutomations'),
      },
    });
    await h.automations.drain();
    expect(await fired()).toEqual([]);
    // The spec's admin role holds manageAutomations; the button's roles let the rep press it.
    expect(
      (await h.automations.runManual('webhook-it', [a.id], { kind: 'user', role: 'admin' })).ok,
    ).toBe(true);
    expect((await h.automations.runManual('release', [a.id], rep)).ok).toBe(true);
    await h.automations.drain();
    expect((await fired()).sort()).toEqual(['release', 'webhook-it']);
  });
});
