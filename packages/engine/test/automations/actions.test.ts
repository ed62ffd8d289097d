import { afterEach, describe, expect, it } from 'vitest';
import {
  admin,
  HOUR,
  setupAutomations,
  specWith,
  type Harness,
  createLead,
} from './support/harness';
import { pick, sortBy } from '../fixtures/rows';

let h: Harness;
afterEach(() => h?.store.close());
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
const get = async (id: string) => {
  const r = await h.engine.records.get('lead', id, admin);
  if (!r.ok) throw new Error(r.error.message);
  return r.record;
};
const lastRun = async (key: string) => (await h.automations.runs({ automationKey: key }))[0];

describe('actions', () => {
  it('setFields writes literals and JSONLogic values through the write path (history, via automation)', async () => {
    h = await setupAutomations({
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
    const r = await lead();
    await h.automations.drain();
    expect(await get(r.id)).toMatchObject({
      intentLevel: 'a',
      notes: '来源：website',
      tags: ['weekend'],
      version: 2,
    });
    expect(
      pick(
        sortBy(await h.rows('record_history', { record_id: r.id, via: 'automation' }), 'field'),
        ['field', 'via'],
      ),
    ).toEqual([
      { field: 'intentLevel', via: 'automation' },
      { field: 'notes', via: 'automation' },
      { field: 'tags', via: 'automation' },
    ]);
  });

  it("setFields with an invalid value fails the run with the write path's field error and writes nothing", async () => {
    h = await setupAutomations({
      spec: specWith([
        onCreate('bad', [
          { type: 'setFields', values: { course: 'cooking' } },
          { type: 'setFields', values: { notes: 'never' } },
        ]),
      ]),
    });
    const r = await lead();
    await h.automations.drain();
    const run = await lastRun('bad');
    expect(run?.status).toBe('failed');
    expect(run?.actions.map((a) => a.status)).toEqual(['failed', 'skipped']);
    const result = run?.actions[0]?.result;
    expect(result && !result.ok && result.code).toBe('write.validation');
    expect(result && !result.ok && result.errors?.[0]?.path).toBe('/course');
    expect((await get(r.id)).version).toBe(1);
  });

  it('assign leastLoaded gives the record to the member with the fewest open records', async () => {
    h = await setupAutomations({
      spec: specWith([
        onCreate('ll', [{ type: 'assign', strategy: 'leastLoaded', team: 'hangzhou' }]),
      ]),
    });
    // wu.hao already owns two open leads, zheng.xue one.
    for (const owner of ['u-wu.hao', 'u-wu.hao', 'u-zheng.xue'])
      await createLead(h, { name: 'old', ownerId: owner }, admin);
    await h.automations.drain();
    const ids = [(await lead()).id, (await lead()).id, (await lead()).id];
    await h.automations.drain();
    // zheng.xue (1 < 2); then 2:2, a tie goes to the one picked less often (wu.hao); then zheng.xue (2 < 3).
    expect(await Promise.all(ids.map(async (id) => (await get(id)).ownerId))).toEqual([
      'u-zheng.xue',
      'u-wu.hao',
      'u-zheng.xue',
    ]);
  });

  it('assign to a fixed user; a disabled user fails the action with the trace', async () => {
    h = await setupAutomations({
      spec: specWith([onCreate('fixed', [{ type: 'assign', strategy: 'user', user: 'feng.kai' }])]),
    });
    const r = await lead();
    await h.automations.drain();
    const res = (await lastRun('fixed'))?.actions[0]?.result;
    expect(res && !res.ok && res.code).toBe('assign.noOwner');
    expect(res && !res.ok && res.message).toContain('skipped feng.kai (inactive)');
    expect((await get(r.id)).ownerId).toBeNull();
  });

  it('createTask resolves the assignee and the due time', async () => {
    h = await setupAutomations({
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
    const r = await lead({ course: 'java' });
    await h.automations.drain();
    expect(
      pick(await h.rows('tasks', { record_id: r.id }), [
        'title',
        'description',
        'assignee_id',
        'due_at',
        'status',
      ]),
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

  it('createTask with a tag keeps one open task per record and tag; completeTasks closes them', async () => {
    const task = (title: string, assignee: string, dueIn: string, tag: string) => ({
      type: 'createTask',
      title: { 'zh-CN': title, en: title },
      assignee,
      dueIn,
      tag,
    });
    h = await setupAutomations({
      spec: specWith([
        onCreate('t', [
          { type: 'assign', strategy: 'user', user: 'li.na' },
          task('A', 'owner', '1d', 'first'),
          // The same assignee: the open one stays as it is (its due time too).
          task('B', 'owner', '2d', 'first'),
          // Another assignee takes the open one over with the new due time.
          task('C', 'owner.supervisor', '3d', 'first'),
          task('D', 'owner', '1d', 'other'),
        ]),
        {
          key: 'u',
          label,
          on: { type: 'record.updated', entity: 'lead', fields: ['course'] },
          do: [task('E', 'owner', '2d', 'first'), { type: 'completeTasks', tag: 'other' }],
        },
      ]),
    });
    const r = await lead();
    await h.automations.drain();
    const tasks = async () =>
      sortBy(
        pick(await h.rows('tasks', { record_id: r.id }), [
          'title',
          'assignee_id',
          'due_at',
          'status',
        ]),
        'title',
      );
    const t0 = h.clock.now();
    expect(await tasks()).toEqual([
      { title: 'A', assignee_id: 'u-wang.lei', due_at: t0 + 72 * HOUR, status: 'open' },
      { title: 'D', assignee_id: 'u-li.na', due_at: t0 + 24 * HOUR, status: 'open' },
    ]);
    // A done task with the tag does not count: the next createTask makes a new one.
    const [a] = await h.rows('tasks', { record_id: r.id, title: 'A' });
    const done = await h.engine.tasks.complete(String(a!.id), admin);
    expect(done.ok).toBe(true);
    const u = await h.engine.records.update('lead', r.id, { course: 'java' }, admin);
    expect(u.ok).toBe(true);
    await h.automations.drain();
    expect(await tasks()).toEqual([
      { title: 'A', assignee_id: 'u-wang.lei', due_at: t0 + 72 * HOUR, status: 'done' },
      { title: 'D', assignee_id: 'u-li.na', due_at: t0 + 24 * HOUR, status: 'done' },
      { title: 'E', assignee_id: 'u-li.na', due_at: h.clock.now() + 48 * HOUR, status: 'open' },
    ]);
  });

  it('notify inApp resolves owner, supervisor, team lead, role, team and user recipients once each', async () => {
    h = await setupAutomations({
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
    const r = await lead();
    await h.automations.drain();
    const rows = sortBy(await h.rows('notifications', { record_id: r.id }), 'user_id');
    expect(rows.map((x) => x.user_id)).toEqual([
      'u-chen.li',
      'u-gao.min',
      'u-ma.li',
      'u-wang.lei',
      'u-zhang.wei',
    ]);
    expect(rows[0]?.body).toBe('新线索 张三');
  });

  it('notify fails clearly when nobody can be reached', async () => {
    h = await setupAutomations({
      spec: specWith([
        onCreate('n', [{ type: 'notify', channel: 'inApp', to: ['owner'], message: 'x' }]),
      ]),
    });
    await lead();
    await h.automations.drain();
    const res = (await lastRun('n'))?.actions[0]?.result;
    expect(res && !res.ok && res.code).toBe('notify.noRecipient');
    expect(res && !res.ok && res.message).toContain('owner: noOwner');
  });
});
