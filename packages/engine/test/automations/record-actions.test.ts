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

let h: Harness;
afterEach(() => h?.db.close());
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
const get = (entity: string, id: string) => {
  const r = h.engine.records.get(entity, id, admin);
  if (!r.ok) throw new Error(r.error.message);
  return r.record;
};

describe('record actions', () => {
  it('moveStage goes through the stage gate: allowed moves happen, refused ones fail the run with what is missing', () => {
    h = setupAutomations({
      spec: specWith([
        on(
          'qualify',
          { type: 'field.changed', entity: 'lead', field: 'intentLevel' },
          [{ type: 'moveStage', stage: 'qualified' }],
          { if: { '==': [{ var: 'intentLevel' }, 'a'] } },
        ),
      ]),
    });
    const ok = lead({ course: 'java', budgetRange: 'under5k', decisionCycle: 'withinWeek' });
    const missing = lead({ course: 'java' });
    for (const r of [ok, missing])
      h.engine.records.update('lead', r.id, { intentLevel: 'a' }, admin);
    h.automations.drain();
    expect(get('lead', ok.id).stage).toBe('qualified');
    expect(
      h.all(
        `SELECT from_stage, to_stage, via FROM stage_transitions WHERE record_id = ? AND via = 'automation'`,
        ok.id,
      ),
    ).toEqual([{ from_stage: 'new', to_stage: 'qualified', via: 'automation' }]);
    expect(get('lead', missing.id).stage).toBe('new');
    const run = h.automations.runs({ automationKey: 'qualify', recordId: missing.id })[0];
    expect(run?.status).toBe('failed');
    const res = run?.actions[0]?.result;
    expect(res && !res.ok && res.code).toBe('write.stage_gate');
    expect(res && !res.ok && res.errors?.map((e) => e.path)).toEqual([
      '/budgetRange',
      '/decisionCycle',
    ]);
  });

  it('createRecord creates a related record with values from the trigger record and links it back', () => {
    h = setupAutomations({
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
    const r = lead({ course: 'python' });
    h.engine.records.update('lead', r.id, { intentLevel: 'a' }, admin);
    h.automations.drain();
    const res = h.automations.runs({ automationKey: 'student' })[0]?.actions[0]?.result;
    expect(res?.ok).toBe(true);
    const studentId = (res as unknown as { data: { id: string } }).data.id;
    expect(get('student', studentId)).toMatchObject({
      name: '韩梅梅',
      phone: r.phone,
      course: 'python',
      status: 'enrolled',
      lead: r.id,
    });
  });

  it('releaseToPool clears the owner; claimFromPool gives a pool record to a user and refuses an owned one', () => {
    h = setupAutomations({
      spec: specWith([
        on('release', { type: 'manual', entity: 'lead', label }, [
          { type: 'releaseToPool', reason: { 'zh-CN': '长期未跟进', en: 'Stale' } },
        ]),
        on('claim', { type: 'manual', entity: 'lead', label }, [
          { type: 'claimFromPool', user: 'qian.hao' },
        ]),
      ]),
    });
    const r = lead({}, { ...admin, actor: { kind: 'user', userId: 'u-zhang.wei', role: 'sales' } });
    expect(r.ownerId).toBe('u-zhang.wei');
    h.automations.runManual('claim', [r.id], { kind: 'user', userId: 'u-chen.li' });
    h.automations.drain();
    const refused = h.automations.runs({ automationKey: 'claim' })[0]?.actions[0]?.result;
    expect(refused && !refused.ok && refused.code).toBe('pool.notInPool');
    h.automations.runManual('release', [r.id], { kind: 'user', userId: 'u-zhang.wei' });
    h.automations.drain();
    expect(get('lead', r.id).ownerId).toBeNull();
    h.automations.runManual('claim', [r.id], { kind: 'user', userId: 'u-chen.li' });
    h.automations.drain();
    expect(get('lead', r.id).ownerId).toBe('u-qian.hao');
    expect(
      h.all(
        `SELECT field, before, after FROM record_history WHERE record_id = ? AND via = 'automation' ORDER BY at, rowid`,
        r.id,
      ),
    ).toEqual([
      { field: 'ownerId', before: '"u-zhang.wei"', after: null },
      { field: 'ownerId', before: null, after: '"u-qian.hao"' },
    ]);
  });

  it('handover opens a pending handover from the owner to the recipient with a summary', () => {
    h = setupAutomations({
      spec: specWith([
        on('hand', { type: 'manual', entity: 'lead', label }, [
          {
            type: 'handover',
            to: 'user:gao.min',
            reason: { 'zh-CN': '需要顾问', en: 'Needs an advisor' },
          },
        ]),
      ]),
    });
    const r = lead({}, { ...admin, actor: { kind: 'user', userId: 'u-zhang.wei', role: 'sales' } });
    h.automations.runManual('hand', [r.id], { kind: 'user', userId: 'u-zhang.wei' });
    h.automations.drain();
    const rows = h.all<{
      from_user_id: string;
      to_user_id: string;
      reason: string;
      status: string;
      summary: string;
    }>(
      `SELECT from_user_id, to_user_id, reason, status, summary FROM handovers WHERE record_id = ?`,
      r.id,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      from_user_id: 'u-zhang.wei',
      to_user_id: 'u-gao.min',
      reason: 'Needs an advisor',
      status: 'pending',
    });
    expect(JSON.parse(rows[0]?.summary ?? '{}')).toMatchObject({
      stage: 'new',
      automation: 'hand',
    });
  });
});
