import { afterEach, describe, expect, it } from 'vitest';
import { assignmentTraces } from '../../src/automations';
import { admin, HOUR, setupAutomations, type Harness, createLead } from './support/harness';
import { pick, sortBy } from '../fixtures/rows';

let h: Harness;
afterEach(() => h?.store.close());

function lead(values: Record<string, unknown>) {
  return createLead(h, { name: 'Test', ...values });
}
const get = async (id: string) => {
  const r = await h.engine.records.get('lead', id, admin);
  if (!r.ok) throw new Error(r.error.message);
  return r.record;
};
const notes = async (recordId: string) =>
  pick(sortBy(await h.rows('notifications', { record_id: recordId }), 'user_id'), [
    'user_id',
    'kind',
    'title',
    'body',
  ]);

describe('education template automations', () => {
  it('routes Python-course leads to the tech group in turns, skipping the away member and the supervisor', async () => {
    h = await setupAutomations();
    const ids: string[] = [];
    for (const i of [0, 1, 2, 3]) ids.push((await lead({ name: `P${i}`, course: 'python' })).id);
    await h.automations.drain();
    // Tech members by login: huang.qiang (away, skipped), li.na, wang.lei (the supervisor: only
    // sales reps take leads, roles ["sales"]), zhang.wei.
    expect(await Promise.all(ids.map(async (id) => (await get(id)).ownerId))).toEqual([
      'u-li.na',
      'u-zhang.wei',
      'u-li.na',
      'u-zhang.wei',
    ]);
    const run = (await h.automations.runs({ automationKey: 'route-python', recordId: ids[0] }))[0];
    expect(run?.status).toBe('succeeded');
    const trace = (
      run?.actions[0]?.result as unknown as {
        data: { trace: { candidates: { login: string; verdict: string }[] } };
      }
    ).data.trace;
    expect(trace.candidates.find((c) => c.login === 'huang.qiang')?.verdict).toBe('away');
    expect(trace.candidates.find((c) => c.login === 'wang.lei')?.verdict).toBe('otherRole');
    // The first-contact task goes to the new owner, due in 2 hours.
    const tasks = pick(await h.rows('tasks', { record_id: ids[0] }), [
      'assignee_id',
      'title',
      'due_at',
    ]);
    expect(tasks).toEqual([
      {
        assignee_id: 'u-li.na',
        title: 'First contact: P0 (Python programming)',
        due_at: h.clock.now() + 2 * HOUR,
      },
    ]);
    // The other routing rules looked at the same lead (after route-python assigned it) and said why they did not apply.
    const city = (
      await h.automations.runs({ automationKey: 'route-by-city', recordId: ids[0] })
    )[0];
    expect(city?.status).toBe('skipped');
    expect(city?.conditionTrace?.failed.map((f) => f.path)).toEqual(['/if/and/0', '/if/and/1']);
  });

  it('routes other courses by city rules with a fallback, skipping a disabled member', async () => {
    h = await setupAutomations();
    const hz = (await lead({ course: 'java', city: '330100' })).id;
    const sh = (await lead({ course: 'java', city: '310100' })).id; // shanghai's only member is disabled
    const bj = (await lead({ course: 'java', city: '110100' })).id;
    await h.automations.drain();
    expect((await get(hz)).ownerId).toBe('u-wu.hao');
    expect((await get(hz)).teamId).toBe('hangzhou');
    expect(['u-chen.li', 'u-qian.hao', 'u-yang.fan']).toContain((await get(sh)).ownerId);
    expect((await get(sh)).teamId).toBe('sales');
    const trace = (
      (await h.automations.runs({ automationKey: 'route-by-city', recordId: sh }))[0]?.actions[0]
        ?.result as unknown as { data: { trace: { rule: unknown; rulesTried: unknown } } }
    ).data.trace;
    expect(trace.rule).toBe('fallback');
    expect(trace.rulesTried).toEqual([
      { index: 0, matched: false },
      { index: 1, matched: true, outcome: 'noEligibleMember' },
    ]);
    expect((await get(bj)).teamId).toBe('sales');
  });

  it('reminds the owner and copies the supervisor once after 48 hours without contact', async () => {
    h = await setupAutomations();
    const id = (await lead({ name: '王小明', course: 'python' })).id;
    await h.automations.drain();
    const owner = (await get(id)).ownerId;
    expect(owner).toBe('u-li.na');
    h.clock.advance(47 * HOUR);
    expect((await h.automations.tick()).breaches).toBe(0);
    h.clock.advance(2 * HOUR);
    expect((await h.automations.tick()).breaches).toBe(1);
    await h.automations.drain();
    // Each in their language: li.na reads English, her supervisor wang.lei Chinese.
    expect(await notes(id)).toEqual([
      {
        user_id: 'u-li.na',
        kind: 'automation',
        title: 'Lead overdue for follow-up',
        body: '王小明 has had no follow-up for more than 48 hours. Please get in touch.',
      },
      {
        user_id: 'u-wang.lei',
        kind: 'automation',
        title: '线索超时未跟进',
        body: '王小明 已超过 48 小时没有跟进记录，请尽快联系。',
      },
    ]);
    // Sweeping again (scheduler restarts, many ticks) raises nothing new.
    h.clock.advance(HOUR);
    expect((await h.automations.tick()).breaches).toBe(0);
    await h.automations.drain();
    expect(await notes(id)).toHaveLength(2);
    expect(
      await h.count('tasks', (t) => t.record_id === id && String(t.title).startsWith('Overdue')),
    ).toBe(1);
    // A call resets the clock; 48 hours later without contact is a new breach.
    const logged = await h.engine.activities.log(
      'lead',
      id,
      { type: 'call', body: '已联系' },
      { ...admin, actor: { kind: 'user', userId: 'u-li.na', role: 'sales' } },
    );
    expect(logged.ok).toBe(true);
    h.clock.advance(47 * HOUR);
    expect((await h.automations.tick()).breaches).toBe(0);
    h.clock.advance(2 * HOUR);
    expect((await h.automations.tick()).breaches).toBe(1);
    await h.automations.drain();
    expect(await notes(id)).toHaveLength(4);
  });

  it('advances a lead to quote when a trial class is logged and tells its course advisor', async () => {
    h = await setupAutomations();
    const id = (
      await lead({
        name: '李雷',
        course: 'python',
        budgetRange: 'from5kTo10k',
        decisionCycle: 'withinMonth',
        courseAdvisor: 'ma.li',
        trialAt: h.clock.now() + 24 * HOUR,
      })
    ).id;
    await h.automations.drain();
    for (const stage of ['qualified', 'trial'])
      expect((await h.engine.records.changeStage('lead', id, stage, admin)).ok).toBe(true);
    await h.automations.drain();
    h.clock.advance(24 * HOUR);
    expect(
      (
        await h.engine.activities.log(
          'lead',
          id,
          { type: 'trial-class', body: '试听 Python 入门' },
          admin,
        )
      ).ok,
    ).toBe(true);
    await h.automations.drain();
    expect((await get(id)).stage).toBe('quoted');
    const advisors = (await notes(id)).filter((n) => n.title === '请准备试听反馈');
    // Only the lead's own course advisor (field:courseAdvisor), not the whole advisors team.
    expect(advisors.map((n) => n.user_id)).toEqual(['u-ma.li']);
    expect(advisors[0]?.body).toBe('李雷 已完成 Python编程 试听，请准备个性化反馈并与负责人沟通。');
    // Entering "quoted" (caused by the automation, depth 1) fires the quote follow-up automation (depth 2).
    const follow = (
      await h.automations.runs({ automationKey: 'quote-follow-up', recordId: id })
    )[0];
    expect(follow?.status).toBe('succeeded');
    expect(follow?.depth).toBe(1);
    expect((await h.rows('tasks', { record_id: id })).map((t) => t.title)).toContain(
      'Send the course proposal and quote: 李雷',
    );
  });

  it('stamps the first contact time and closes the first-contact task when a rep first reaches the lead', async () => {
    h = await setupAutomations();
    const id = (await lead({ name: '周可', course: 'python' })).id;
    await h.automations.drain();
    // Arriving is not being contacted: the lead was created, nobody has called yet.
    expect((await get(id)).firstContactAt).toBeNull();
    const open = async () =>
      pick(await h.rows('tasks', { record_id: id, status: 'open' }), ['title']);
    expect(await open()).toEqual([{ title: 'First contact: 周可 (Python programming)' }]);
    const rep = { ...admin, actor: { kind: 'user' as const, userId: 'u-li.na', role: 'sales' } };
    // A note is not a contact: nothing is stamped, the task stays open.
    h.clock.advance(HOUR);
    expect(
      (await h.engine.activities.log('lead', id, { type: 'note', body: '资料待补' }, rep)).ok,
    ).toBe(true);
    await h.automations.drain();
    expect((await get(id)).firstContactAt).toBeNull();
    expect(await open()).toHaveLength(1);
    // The first call: the time is stamped and the task closes itself.
    h.clock.advance(HOUR);
    const calledAt = h.clock.now();
    expect(
      (await h.engine.activities.log('lead', id, { type: 'call', body: '已沟通' }, rep)).ok,
    ).toBe(true);
    await h.automations.drain();
    expect((await get(id)).firstContactAt).toBe(calledAt);
    expect(await open()).toEqual([]);
    expect(pick(await h.rows('tasks', { record_id: id }), ['status', 'completed_at'])).toEqual([
      { status: 'done', completed_at: calledAt },
    ]);
    // A later WeChat message keeps the first time.
    h.clock.advance(HOUR);
    await h.engine.activities.log('lead', id, { type: 'wechat', body: '发资料' }, rep);
    await h.automations.drain();
    expect((await get(id)).firstContactAt).toBe(calledAt);
  });

  it('arms the 48-hour SLA only while the lead has an owner: a pool lead breaches nothing, a claimed one 48 hours after the claim', async () => {
    h = await setupAutomations();
    // Everyone of the fallback team is away or not a rep: the lead stays in the pool.
    const id = (await lead({ name: '公海线索', course: 'java', city: '310100' })).id;
    for (const user of ['u-yang.fan', 'u-qian.hao']) await h.store.users.setStatus(user, 'away', 0);
    await h.automations.drain();
    expect((await get(id)).ownerId).toBeNull();
    expect((await get(id)).slaDueAt).toBeNull();
    h.clock.advance(100 * HOUR);
    expect((await h.automations.tick()).breaches).toBe(0);
    await h.automations.drain();
    expect(await h.count('automation_runs', { record_id: id, trigger_type: 'sla.breached' })).toBe(
      0,
    );
    // A rep claims it: the clock starts now, not when the lead arrived.
    const claimedAt = h.clock.now();
    expect((await h.engine.records.update('lead', id, { ownerId: 'u-zheng.xue' }, admin)).ok).toBe(
      true,
    );
    expect((await get(id)).slaDueAt).toBe(claimedAt + 48 * HOUR);
    h.clock.advance(47 * HOUR);
    expect((await h.automations.tick()).breaches).toBe(0);
    h.clock.advance(2 * HOUR);
    expect((await h.automations.tick()).breaches).toBe(1);
    await h.automations.drain();
    expect((await notes(id)).map((n) => n.user_id)).toEqual(['u-chen.li', 'u-zheng.xue']);
    // Released back to the pool: disarmed again.
    expect((await h.engine.records.update('lead', id, { ownerId: null }, admin)).ok).toBe(true);
    expect((await get(id)).slaDueAt).toBeNull();
  });

  it('does not advance when the trial class is logged in another stage (condition names the failing part)', async () => {
    h = await setupAutomations();
    const id = (await lead({ course: 'python' })).id;
    await h.automations.drain();
    expect(
      (await h.engine.activities.log('lead', id, { type: 'trial-class', body: '提前试听' }, admin))
        .ok,
    ).toBe(true);
    await h.automations.drain();
    expect((await get(id)).stage).toBe('new');
    const run = (
      await h.automations.runs({ automationKey: 'trial-done-advance', recordId: id })
    )[0];
    expect(run?.status).toBe('skipped');
    expect(run?.matched).toBe(false);
    expect(run?.conditionTrace?.failed).toEqual([
      { path: '/if', expr: { '==': [{ var: 'stage' }, 'trial'] }, value: false },
    ]);
  });
});

describe('assignment traces for the timeline', () => {
  it('lists each automatic assignment of a record with its why-this-owner trace', async () => {
    h = await setupAutomations();
    const id = (await lead({ course: 'python' })).id;
    await h.automations.drain();
    const traces = await assignmentTraces(h.store, 'lead', id);
    expect(traces).toHaveLength(1);
    expect(traces[0]).toMatchObject({
      ownerId: 'u-li.na',
      automationKey: 'route-python',
      at: h.clock.now(),
    });
    expect(traces[0]?.trace.summary.en).toBe(
      'round robin over team "tech" gave it to li.na; skipped huang.qiang (away), wang.lei (role not assigned)',
    );
    expect(traces[0]?.trace.summary['zh-CN']).toBe(
      '按团队“tech”轮流分配给 li.na；跳过 huang.qiang（休假中）、wang.lei（角色不参与分配）',
    );
    // The timeline shows the owner change as an assignment made by the automation.
    const tl = await h.engine.timeline('lead', id, admin);
    expect(tl.ok && tl.entries.some((e) => e.kind === 'assignment' && e.at === traces[0]?.at)).toBe(
      true,
    );
  });
});
