import { afterEach, describe, expect, it } from 'vitest';
import {
  admin,
  HOUR,
  setupAutomations,
  specWith,
  type Harness,
  createLead,
} from './support/harness';

let h: Harness;
afterEach(() => h?.db.close());
const label = { 'zh-CN': '测试', en: 'Test' };
const onCreate = (key: string, actions: unknown[], extra: Record<string, unknown> = {}) => ({
  key,
  label,
  on: { type: 'record.created', entity: 'lead' },
  do: actions,
  ...extra,
});

function lead(values: Record<string, unknown> = {}) {
  return createLead(h, { name: '张三', ...values });
}
const get = (id: string) => {
  const r = h.engine.records.get('lead', id, admin);
  if (!r.ok) throw new Error(r.error.message);
  return r.record;
};
const lastRun = (key: string) => h.automations.runs({ automationKey: key })[0];

describe('actions', () => {
  it('setFields writes literals and JSONLogic values through the write path (history, via automation)', () => {
    h = setupAutomations({
      spec: specWith([
        onCreate('tag', [
          {
            type: 'setFields',
            values: {
              intentLevel: 'a',
              notes: { cat: ['来源：', { var: 'source' }] },
              tags: ['weekend'],
            },
          },
        ]),
      ]),
    });
    const r = lead();
    h.automations.drain();
    expect(get(r.id)).toMatchObject({
      intentLevel: 'a',
      notes: '来源：website',
      tags: ['weekend'],
      version: 2,
    });
    expect(
      h.all<{ field: string; via: string }>(
        `SELECT field, via FROM record_history WHERE record_id = ? AND via = 'automation' ORDER BY field`,
        r.id,
      ),
    ).toEqual([
      { field: 'intentLevel', via: 'automation' },
      { field: 'notes', via: 'automation' },
      { field: 'tags', via: 'automation' },
    ]);
  });

  it("setFields with an invalid value fails the run with the write path's field error and writes nothing", () => {
    h = setupAutomations({
      spec: specWith([
        onCreate('bad', [
          { type: 'setFields', values: { course: 'cooking' } },
          { type: 'setFields', values: { notes: 'never' } },
        ]),
      ]),
    });
    const r = lead();
    h.automations.drain();
    const run = lastRun('bad');
    expect(run?.status).toBe('failed');
    expect(run?.actions.map((a) => a.status)).toEqual(['failed', 'skipped']);
    const result = run?.actions[0]?.result;
    expect(result && !result.ok && result.code).toBe('write.validation');
    expect(result && !result.ok && result.errors?.[0]?.path).toBe('/course');
    expect(get(r.id).version).toBe(1);
  });

  it('assign leastLoaded gives the record to the member with the fewest open records', () => {
    h = setupAutomations({
      spec: specWith([
        onCreate('ll', [{ type: 'assign', strategy: 'leastLoaded', team: 'hangzhou' }]),
      ]),
    });
    // wu.hao already owns two open leads, zheng.xue one.
    for (const owner of ['u-wu.hao', 'u-wu.hao', 'u-zheng.xue'])
      createLead(h, { name: 'old', ownerId: owner }, admin);
    h.automations.drain();
    const ids = [lead().id, lead().id, lead().id];
    h.automations.drain();
    // zheng.xue (1 < 2); then 2:2, a tie goes to the one picked less often (wu.hao); then zheng.xue (2 < 3).
    expect(ids.map((id) => get(id).ownerId)).toEqual(['u-zheng.xue', 'u-wu.hao', 'u-zheng.xue']);
  });

  it('assign to a fixed user; a disabled user fails the action with the trace', () => {
    h = setupAutomations({
      spec: specWith([onCreate('fixed', [{ type: 'assign', strategy: 'user', user: 'feng.kai' }])]),
    });
    const r = lead();
    h.automations.drain();
    const res = lastRun('fixed')?.actions[0]?.result;
    expect(res && !res.ok && res.code).toBe('assign.noOwner');
    expect(res && !res.ok && res.message).toContain('skipped feng.kai (inactive)');
    expect(get(r.id).ownerId).toBeNull();
  });

  it('createTask resolves the assignee and the due time', () => {
    h = setupAutomations({
      spec: specWith([
        onCreate('t', [
          { type: 'assign', strategy: 'user', user: 'li.na' },
          {
            type: 'createTask',
            title: { 'zh-CN': '回访 {{name}}', en: 'Call {{record.name}} back' },
            assignee: 'owner.supervisor',
            dueIn: '3d',
            description: '课程：{{course}}',
          },
        ]),
      ]),
    });
    const r = lead({ course: 'java' });
    h.automations.drain();
    expect(
      h.all(
        `SELECT title, description, assignee_id, due_at, status FROM tasks WHERE record_id = ?`,
        r.id,
      ),
    ).toEqual([
      {
        title: '回访 张三',
        description: '课程：Java开发',
        assignee_id: 'u-wang.lei',
        due_at: h.clock.now() + 72 * HOUR,
        status: 'open',
      },
    ]);
  });

  it('notify inApp resolves owner, supervisor, team lead, role, team and user recipients once each', () => {
    h = setupAutomations({
      spec: specWith([
        onCreate('n', [
          { type: 'assign', strategy: 'user', user: 'zhang.wei' },
          {
            type: 'notify',
            channel: 'inApp',
            to: ['owner', 'owner.supervisor', 'team:advisors', 'user:zhang.wei', 'role:manager'],
            message: '新线索 {{name}}',
          },
        ]),
      ]),
    });
    const r = lead();
    h.automations.drain();
    const rows = h.all<{ user_id: string; body: string }>(
      `SELECT user_id, body FROM notifications WHERE record_id = ? ORDER BY user_id`,
      r.id,
    );
    expect(rows.map((x) => x.user_id)).toEqual([
      'u-chen.li',
      'u-gao.min',
      'u-ma.li',
      'u-wang.lei',
      'u-zhang.wei',
    ]);
    expect(rows[0]?.body).toBe('新线索 张三');
  });

  it('notify fails clearly when nobody can be reached', () => {
    h = setupAutomations({
      spec: specWith([
        onCreate('n', [{ type: 'notify', channel: 'inApp', to: ['owner'], message: 'x' }]),
      ]),
    });
    lead();
    h.automations.drain();
    const res = lastRun('n')?.actions[0]?.result;
    expect(res && !res.ok && res.code).toBe('notify.noRecipient');
    expect(res && !res.ok && res.message).toContain('owner: noOwner');
  });
});
