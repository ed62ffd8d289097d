import { afterEach, describe, expect, it } from 'vitest';
import { admin, intake, setupAutomations, type Harness } from './support/harness';

let h: Harness;
afterEach(() => h?.store.close());

const tables = [
  'e_lead',
  'tasks',
  'notifications',
  'assignment_state',
  'automation_runs',
  'action_effects',
  'outbox',
  'record_history',
];
const snapshot = async () =>
  Object.fromEntries(await Promise.all(tables.map(async (t) => [t, await h.count(t)] as const)));

describe('dry run', () => {
  it('says who would own a new Python lead and which task would be created, writing nothing', async () => {
    h = await setupAutomations();
    const before = await snapshot();
    const res = await h.automations.test('route-python', {
      name: '测试',
      phone: '+8613100000001',
      course: 'python',
      source: 'website',
    });
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    const [run] = res.runs;
    expect(run).toMatchObject({ status: 'succeeded', matched: true, dryRun: true });
    const [assign, task] = run?.actions ?? [];
    expect(assign?.result).toMatchObject({
      ok: true,
      data: { ownerId: 'u-li.na', teamId: 'tech' },
    });
    expect(task?.result).toMatchObject({
      ok: true,
      data: { assigneeId: 'u-li.na', title: 'First contact: 测试 (Python programming)' },
    });
    expect(await snapshot()).toEqual(before);
    // The cursor did not move: the real first lead still goes to li.na.
    const r = await h.engine.records.create(
      'lead',
      { name: '真', phone: '+8613100000002', course: 'python', source: 'website' },
      intake,
    );
    await h.automations.drain();
    const got = r.ok ? await h.engine.records.get('lead', r.record.id, admin) : null;
    expect(got?.ok && got.record.ownerId).toBe('u-li.na');
  });

  it('explains a condition that would not match, and a refused stage move, for an existing record', async () => {
    h = await setupAutomations();
    const r = await h.engine.records.create(
      'lead',
      { name: '甲', phone: '+8613100000003', course: 'java', source: 'website' },
      admin,
    );
    if (!r.ok) throw new Error('create');
    const miss = await h.automations.test('trial-done-advance', r.record.id);
    expect(miss.ok && miss.runs[0]).toMatchObject({
      status: 'skipped',
      conditionTrace: { matched: false, failed: [{ path: '/if', value: false }] },
    });
    const before = await snapshot();
    // Pretend the lead were in "trial": the condition holds, but the gate refuses "quoted" without the trial-class evidence.
    const refused = await h.automations.test('trial-done-advance', {
      id: r.record.id,
      stage: 'trial',
    });
    expect(refused.ok && refused.runs[0]?.status).toBe('failed');
    const res = refused.ok ? refused.runs[0]?.actions[0]?.result : undefined;
    expect(res && !res.ok && res.code).toBe('write.stage_gate');
    expect(await snapshot()).toEqual(before);
  });

  it('lists the records a scheduled query would act on', async () => {
    h = await setupAutomations();
    for (const [i, plan] of [
      [1, null],
      [2, '下周回访'],
      [3, null],
    ] as const) {
      await h.engine.records.create(
        'lead',
        { name: `S${i}`, phone: `+861310000010${i}`, source: 'website', nextFollowUpPlan: plan },
        admin,
      );
    }
    const res = await h.automations.test('weekly-missing-plan', null);
    expect(res.ok && res.runs.map((r) => r.status)).toEqual(['succeeded', 'succeeded']);
    expect(await h.count('tasks')).toBe(0);
  });

  it('reports an unknown automation or record as an error value', async () => {
    h = await setupAutomations();
    expect(await h.automations.test('nope', null)).toMatchObject({
      ok: false,
      error: { code: 'automation.unknown', message: 'Unknown automation "nope"' },
    });
    expect(await h.automations.test('route-python', 'missing-id')).toMatchObject({
      ok: false,
      error: { code: 'action.recordGone' },
    });
    expect(await h.automations.test('route-python', { name: '' })).toMatchObject({
      ok: false,
      error: { code: 'write.validation' },
    });
  });
});

describe('dry run of a draft', () => {
  it('tries the draft’s version of an automation (and one only the draft has), not the live one', async () => {
    h = await setupAutomations();
    const lead = { name: '草稿', phone: '+8613100000021', course: 'python', source: 'website' };
    const draft = structuredClone(h.spec);
    const route = draft.automations!.find((a) => a.key === 'route-python')!;
    // The draft narrows the condition to a course no lead here has.
    route.if = { '==': [{ var: 'course' }, 'java'] };
    draft.automations!.push({
      key: 'draft-only',
      label: { 'zh-CN': '草稿', en: 'Draft only' },
      on: { type: 'record.created', entity: 'lead' },
      do: [{ type: 'createTask', title: 'Call {{name}}', assignee: 'user:li.na', dueIn: '1d' }],
    } as never);
    const before = await snapshot();
    const live = await h.automations.test('route-python', lead);
    expect(live.ok && live.runs[0]?.matched).toBe(true);
    const tried = await h.automations.test('route-python', lead, { spec: draft });
    expect(tried.ok && tried.runs[0]).toMatchObject({ matched: false, status: 'skipped' });
    expect((await h.automations.test('draft-only', lead)).ok).toBe(false);
    const only = await h.automations.test('draft-only', lead, { spec: draft });
    expect(only.ok && only.runs[0]?.actions[0]?.result).toMatchObject({
      ok: true,
      data: { title: 'Call 草稿' },
    });
    expect(await snapshot()).toEqual(before);
  });
});

describe('dry run of a draft with fields and entities only the draft has', () => {
  it('stores the draft’s new field and new entity inside the dry run, and leaves the tables as they were', async () => {
    h = await setupAutomations();
    const draft = structuredClone(h.spec);
    const lead = draft.entities.find((e) => e.key === 'lead')!;
    lead.fields.push({
      key: 'referralCode',
      type: 'text',
      label: { 'zh-CN': '推荐码', en: 'Referral code' },
    } as never);
    draft.entities.push({
      key: 'voucher',
      label: { 'zh-CN': '代金券', en: 'Voucher' },
      titleField: 'code',
      owned: false,
      fields: [{ key: 'code', type: 'text', label: { 'zh-CN': '券码', en: 'Code' } }],
    } as never);
    draft.automations!.push(
      {
        key: 'referral-task',
        label: { 'zh-CN': '推荐', en: 'Referral' },
        on: { type: 'record.created', entity: 'lead' },
        if: { '!!': [{ var: 'referralCode' }] },
        do: [
          {
            type: 'createTask',
            title: 'Thank the referrer of {{referralCode}}',
            assignee: 'user:li.na',
            dueIn: '1d',
          },
        ],
      } as never,
      {
        key: 'voucher-task',
        label: { 'zh-CN': '代金券', en: 'Voucher' },
        on: { type: 'record.created', entity: 'voucher' },
        do: [{ type: 'createTask', title: 'Send {{code}}', assignee: 'user:li.na', dueIn: '1d' }],
      } as never,
    );
    const before = await snapshot();
    const res = await h.automations.test(
      'referral-task',
      { name: '推荐', phone: '+8613100000031', source: 'website', referralCode: 'R-42' },
      { spec: draft },
    );
    expect(res.ok && res.runs[0]).toMatchObject({ matched: true, status: 'succeeded' });
    expect(res.ok && res.runs[0]?.actions[0]?.result).toMatchObject({
      ok: true,
      data: { title: 'Thank the referrer of R-42' },
    });
    const voucher = await h.automations.test('voucher-task', { code: 'V-7' }, { spec: draft });
    expect(voucher.ok && voucher.runs[0]?.actions[0]?.result).toMatchObject({
      ok: true,
      data: { title: 'Send V-7' },
    });
    // Rolled back with the transaction: the live tables keep their shape, nothing is stored.
    expect(await snapshot()).toEqual(before);
    await expect(h.count('e_voucher')).rejects.toThrow();
    await h.engine.records.create(
      'lead',
      { name: '真', phone: '+8613100000032', source: 'website' },
      admin,
    );
    const [row] = await h.rows('e_lead');
    expect(Object.keys(row!)).toContain('phone');
    expect(Object.keys(row!).filter((c) => /referral/i.test(c))).toEqual([]);
  });
});

describe('dry run of intake automations', () => {
  it('finds the entity of a webhook source trigger and runs against the given record', async () => {
    h = await setupAutomations();
    const r = await h.engine.records.create(
      'lead',
      {
        name: '抖音客户',
        phone: '+8613100000009',
        source: 'douyin',
        teamId: 'tech',
        campaignCode: 'dy1',
      },
      admin,
    );
    if (!r.ok) throw new Error('create');
    const res = await h.automations.test('douyin-intake-alert', r.record.id);
    expect(res.ok && res.runs[0]?.status).toBe('succeeded');
    expect(res.ok && res.runs[0]?.actions[0]?.result).toMatchObject({
      ok: true,
      data: { userIds: ['u-wang.lei'] },
    });
    expect(await h.count('notifications')).toBe(0);
  });
});
