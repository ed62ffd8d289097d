import { afterEach, describe, expect, it } from 'vitest';
import type { CreateOptions } from '../../src/index';
import {
  admin,
  intake,
  setupAutomations,
  specWith,
  type Harness,
  createLead,
} from './support/harness';
import { pick } from '../fixtures/rows';

let h: Harness;
afterEach(() => h?.store.close());
const label = { 'zh-CN': '测试', en: 'Test' };
const on = (
  key: string,
  trigger: Record<string, unknown>,
  actions: unknown[],
  extra: Record<string, unknown> = {},
) => ({ key, label, on: trigger, do: actions, ...extra });

function lead(values: Record<string, unknown> = {}, opts: CreateOptions = intake) {
  return createLead(h, { name: '韩梅梅', ...values }, opts);
}
const get = async (entity: string, id: string) => {
  const r = await h.engine.records.get(entity, id, admin);
  if (!r.ok) throw new Error(r.error.message);
  return r.record;
};

describe('record actions', () => {
  it('moveStage goes through the stage gate: allowed moves happen, refused ones fail the run with what is missing', async () => {
    h = await setupAutomations({
      spec: specWith([
        on(
          'qualify',
          { type: 'field.changed', entity: 'lead', field: 'intentLevel' },
          [{ type: 'moveStage', stage: 'qualified' }],
          { if: { '==': [{ var: 'intentLevel' }, 'a'] } },
        ),
      ]),
    });
    const ok = await lead({ course: 'java', budgetRange: 'under5k', decisionCycle: 'withinWeek' });
    const missing = await lead({ course: 'java' });
    for (const r of [ok, missing])
      await h.engine.records.update('lead', r.id, { intentLevel: 'a' }, admin);
    await h.automations.drain();
    expect((await get('lead', ok.id)).stage).toBe('qualified');
    expect(
      pick(await h.rows('stage_transitions', { record_id: ok.id, via: 'automation' }), [
        'from_stage',
        'to_stage',
        'via',
      ]),
    ).toEqual([{ from_stage: 'new', to_stage: 'qualified', via: 'automation' }]);
    expect((await get('lead', missing.id)).stage).toBe('new');
    const run = (await h.automations.runs({ automationKey: 'qualify', recordId: missing.id }))[0];
    expect(run?.status).toBe('failed');
    const res = run?.actions[0]?.result;
    expect(res && !res.ok && res.code).toBe('write.stage_gate');
    expect(res && !res.ok && res.errors?.map((e) => e.path)).toEqual([
      '/budgetRange',
      '/decisionCycle',
    ]);
  });

  it('createRecord creates a related record with values from the trigger record and links it back', async () => {
    h = await setupAutomations({
      spec: specWith([
        on('student', { type: 'field.changed', entity: 'lead', field: 'intentLevel' }, [
          {
            type: 'createRecord',
            entity: 'student',
            values: {
              name: { var: 'name' },
              phone: { var: 'phone' },
              course: { var: 'course' },
              status: 'enrolled',
            },
            linkField: 'lead',
          },
        ]),
      ]),
    });
    const r = await lead({ course: 'python' });
    await h.engine.records.update('lead', r.id, { intentLevel: 'a' }, admin);
    await h.automations.drain();
    const res = (await h.automations.runs({ automationKey: 'student' }))[0]?.actions[0]?.result;
    expect(res?.ok).toBe(true);
    const studentId = (res as unknown as { data: { id: string } }).data.id;
    expect(await get('student', studentId)).toMatchObject({
      name: '韩梅梅',
      phone: r.phone,
      course: 'python',
      status: 'enrolled',
      lead: r.id,
    });
  });

  it('releaseToPool clears the owner; claimFromPool gives a pool record to a user and refuses an owned one', async () => {
    h = await setupAutomations({
      spec: specWith([
        on('release', { type: 'manual', entity: 'lead', label, roles: ['sales'] }, [
          { type: 'releaseToPool', reason: { 'zh-CN': '长期未跟进', en: 'Stale' } },
        ]),
        on('claim', { type: 'manual', entity: 'lead', label, roles: ['sales'] }, [
          { type: 'claimFromPool', user: 'qian.hao' },
        ]),
      ]),
    });
    const r = await lead(
      {},
      { ...admin, actor: { kind: 'user', userId: 'u-zhang.wei', role: 'sales' } },
    );
    expect(r.ownerId).toBe('u-zhang.wei');
    await h.automations.runManual('claim', [r.id], {
      kind: 'user',
      userId: 'u-chen.li',
      role: 'sales',
    });
    await h.automations.drain();
    const refused = (await h.automations.runs({ automationKey: 'claim' }))[0]?.actions[0]?.result;
    expect(refused && !refused.ok && refused.code).toBe('pool.notInPool');
    await h.automations.runManual('release', [r.id], {
      kind: 'user',
      userId: 'u-zhang.wei',
      role: 'sales',
    });
    await h.automations.drain();
    expect((await get('lead', r.id)).ownerId).toBeNull();
    await h.automations.runManual('claim', [r.id], {
      kind: 'user',
      userId: 'u-chen.li',
      role: 'sales',
    });
    await h.automations.drain();
    expect((await get('lead', r.id)).ownerId).toBe('u-qian.hao');
    expect(
      pick(await h.rows('record_history', { record_id: r.id, via: 'automation' }), [
        'field',
        'before',
        'after',
      ]),
    ).toEqual([
      { field: 'ownerId', before: '"u-zhang.wei"', after: null },
      { field: 'ownerId', before: null, after: '"u-qian.hao"' },
    ]);
  });

  it('handover by an automation moves the record at once under the default rules, with the ledger and tasks', async () => {
    h = await setupAutomations({
      spec: specWith([
        on('hand', { type: 'manual', entity: 'lead', label, roles: ['sales'] }, [
          {
            type: 'handover',
            to: 'user:gao.min',
            reason: { 'zh-CN': '需要顾问', en: 'Needs an advisor' },
          },
        ]),
      ]),
    });
    const r = await lead(
      {},
      { ...admin, actor: { kind: 'user', userId: 'u-zhang.wei', role: 'sales' } },
    );
    await h.automations.runManual('hand', [r.id], {
      kind: 'user',
      userId: 'u-zhang.wei',
      role: 'sales',
    });
    await h.automations.drain();
    const rows = await h.rows('handovers', { record_id: r.id });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      from_user_id: 'u-zhang.wei',
      to_user_id: 'u-gao.min',
      reason: 'Needs an advisor',
      status: 'accepted',
    });
    expect(JSON.parse(String(rows[0]?.summary ?? '{}'))).toMatchObject({
      stage: 'new',
      automation: 'hand',
    });
    expect((await get('lead', r.id)).ownerId).toBe('u-gao.min');
    const ledger = await h.engine.ownership.ledger('lead', r.id, admin);
    expect(ledger.ok && ledger.changes.at(-1)).toMatchObject({
      kind: 'handover',
      toUserId: 'u-gao.min',
    });
  });

  it('handover by an automation waits for the new owner when the entity asks for the protocol note', async () => {
    const base = specWith([
      on('hand', { type: 'manual', entity: 'lead', label, roles: ['sales'] }, [
        { type: 'handover', to: 'user:gao.min' },
      ]),
    ]);
    h = await setupAutomations({
      spec: {
        ...base,
        entities: base.entities.map((e) =>
          e.key === 'lead' ? { ...e, handover: { note: 'protocol' } } : e,
        ),
      },
    });
    const zhang = { kind: 'user' as const, userId: 'u-zhang.wei', role: 'sales' };
    const r = await lead({}, { ...admin, actor: zhang });
    await h.automations.runManual('hand', [r.id], zhang);
    await h.automations.drain();
    expect((await get('lead', r.id)).ownerId).toBe('u-zhang.wei');
    const gao = { ...admin, actor: { kind: 'user' as const, userId: 'u-gao.min', role: 'sales' } };
    const waiting = await h.engine.ownership.pending(gao);
    expect(waiting.handovers.map((x) => [x.recordId, x.status])).toEqual([[r.id, 'pending']]);
    const told = await h.rows('notifications', { user_id: 'u-gao.min', kind: 'handover' });
    expect(told).toHaveLength(1);
    expect((await h.engine.ownership.accept(waiting.handovers[0]!.id, gao)).ok).toBe(true);
    expect((await get('lead', r.id)).ownerId).toBe('u-gao.min');
  });
});
