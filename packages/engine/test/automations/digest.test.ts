import { validateSpec } from '@trellis/spec';
import { afterEach, describe, expect, it } from 'vitest';
import { createPermissionPort, type HttpPort } from '../../src/index';
import { admin, HOUR, setupAutomations, specWith, type Harness } from './support/harness';
import { json, sortBy } from '../fixtures/rows';

let h: Harness;
afterEach(() => h?.store.close());
const DAY = 24 * HOUR;
let phone = 0;

async function lead(owner: string) {
  const r = await h.engine.records.create(
    'lead',
    { name: `D${++phone}`, phone: `+8613400${String(phone).padStart(6, '0')}` },
    { ...admin, actor: { kind: 'user' as const, userId: `u-${owner}`, role: 'sales' } },
  );
  if (!r.ok) throw new Error(JSON.stringify(r.error));
}

const weekly = (actions: unknown[]) => ({
  key: 'weekly-digest',
  label: { 'zh-CN': '每周摘要', en: 'Weekly digest' },
  on: { type: 'schedule', cron: '0 9 * * 1', timezone: 'Asia/Shanghai' },
  do: actions,
});

/** Harness with the role model in force (reports scope by it), past one Monday 9:00 tick. */
async function setup(actions: unknown[], http?: HttpPort) {
  const spec = specWith([weekly(actions)]);
  h = await setupAutomations({
    spec,
    engine: {
      permissions: createPermissionPort(spec),
      ...(http ? { http } : {}),
    },
  });
  await h.automations.tick(); // first sight: counts from now
  h.clock.advance(DAY); // Tuesday: inside the next digest's seven days
  for (const owner of ['zhang.wei', 'zhang.wei', 'zhang.wei', 'li.na']) await lead(owner);
  await h.automations.drain();
}

/** The next Monday 9:00 Shanghai: the schedule fires and its digest runs. */
async function nextMonday() {
  h.clock.advance(6 * DAY);
  expect((await h.automations.tick()).schedules).toContain('weekly-digest');
  await h.automations.drain();
}

const inbox = async () =>
  sortBy(await h.rows('notifications', { kind: 'automation' }), 'user_id').map((n) => ({
    user: n.user_id,
    title: n.title,
    body: n.body,
  }));

describe('digest action', () => {
  it('sends each rep the dashboard as they see it, in their language, on Monday 9:00', async () => {
    await setup([
      {
        type: 'digest',
        dashboard: 'my-numbers',
        widgets: ['myLeads'],
        channel: 'inApp',
        to: ['user:zhang.wei', 'user:li.na'],
      },
    ]);
    await nextMonday();
    // Each counts only their own leads (3 and 1), li.na in English, zhang.wei in Chinese.
    expect(await inbox()).toEqual([
      {
        user: 'u-li.na',
        title: 'My numbers',
        body: 'My numbers: 2026-01-06 to 2026-01-12\n\n■ My new leads\nValue 1 · Previous period 0 · Change —',
      },
      {
        user: 'u-zhang.wei',
        title: '我的业绩',
        body: '【我的业绩】2026-01-06 至 2026-01-12\n\n■ 我的新增线索\n数值 3 · 上一周期 0 · 变化 —',
      },
    ]);
  });

  it("posts the manager's numbers to a WeCom robot; a rep who may not open the dashboard gets none", async () => {
    const posted: { url: string; body: string }[] = [];
    const http: HttpPort = (req) => {
      posted.push({ url: req.url, body: req.body ?? '' });
      return Promise.resolve({ status: 200, headers: {}, body: 'ok' });
    };
    await setup(
      [
        {
          type: 'digest',
          dashboard: 'sales-funnel',
          widgets: ['openLeads'],
          channel: 'webhook',
          url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=K',
          format: 'wecom',
          to: ['user:chen.li', 'user:zhang.wei'],
        },
      ],
      http,
    );
    await nextMonday();
    await h.automations.deliver();
    // One post, the manager's (every open lead); zhang.wei's role may not open sales-funnel.
    expect(posted).toHaveLength(1);
    const text = (json(posted[0]!.body) as { text: { content: string } }).text.content;
    expect(text).toContain('【招生漏斗】2026-01-06 至 2026-01-12');
    expect(text).toMatch(/跟进中线索\n数值 4 ·/);
    const runs = await h.rows('automation_runs', { automation_key: 'weekly-digest' });
    expect(runs.map((r) => r.status)).toEqual(['succeeded']);
  });

  it('fails, naming why, when no recipient may open the dashboard', async () => {
    await setup([
      { type: 'digest', dashboard: 'team-performance', channel: 'inApp', to: ['user:li.na'] },
    ]);
    await nextMonday();
    expect(await inbox()).toEqual([]);
    const runs = await h.rows('automation_runs', { automation_key: 'weekly-digest' });
    expect(runs.map((r) => r.status)).toEqual(['failed']);
  });

  it('validates the dashboard, its widgets and the robot URL, in both languages', async () => {
    const spec = specWith([
      weekly([
        {
          type: 'digest',
          dashboard: 'nope',
          channel: 'inApp',
          to: ['user:chen.li'],
        },
        {
          type: 'digest',
          dashboard: 'my-numbers',
          widgets: ['myLeads', 'ghost'],
          channel: 'webhook',
          to: ['user:chen.li'],
        },
      ]),
    ]);
    for (const locale of ['zh-CN', 'en'] as const) {
      const errors = validateSpec(spec, { locale }).errors.filter((e) =>
        e.path.startsWith('/automations/0/do'),
      );
      expect(errors.map((e) => [e.path, e.code])).toEqual([
        ['/automations/0/do/0/dashboard', 'ref.unknownDashboard'],
        ['/automations/0/do/1/widgets/1', 'ref.unknownWidget'],
        ['/automations/0/do/1', 'notify.needsUrl'],
      ]);
      expect(errors[1]!.message).toMatch(
        locale === 'en' ? /no widget "ghost"/ : /没有组件 “ghost”/,
      );
    }
  });
});
