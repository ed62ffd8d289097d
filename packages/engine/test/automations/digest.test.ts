import { validateSpec, type AppSpec } from '@trellis/spec';
import { afterEach, describe, expect, it } from 'vitest';
import { createHmac } from 'node:crypto';
import { createPermissionPort, type HttpPort, type MailerPort } from '../../src/index';
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
async function setup(
  actions: unknown[],
  http?: HttpPort,
  more: {
    mailer?: MailerPort;
    defaultLocale?: 'zh-CN' | 'en';
    secrets?: Record<string, string>;
    /** Changes the spec before the engine starts (a dashboard's label, say). */
    edit?: (spec: AppSpec) => AppSpec;
  } = {},
) {
  const base = (more.edit ?? ((s: AppSpec) => s))(specWith([weekly(actions)]));
  const spec = more.defaultLocale ? { ...base, defaultLocale: more.defaultLocale } : base;
  h = await setupAutomations({
    spec,
    engine: {
      permissions: createPermissionPort(spec),
      ...(http ? { http } : {}),
      ...(more.mailer ? { mailer: more.mailer } : {}),
    },
    ...(more.secrets ? { secrets: more.secrets } : {}),
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
        title: 'My numbers: 2026-01-06 to 2026-01-12',
        body: '■ My new leads\nValue 1 · Previous period 0 · Change —',
      },
      {
        user: 'u-zhang.wei',
        title: '【我的业绩】2026-01-06 至 2026-01-12',
        body: '■ 我的新增线索\n数值 3 · 上一周期 0 · 变化 —',
      },
    ]);
    // Read after a switch of language, each reads the same numbers in the other language.
    const shownTo = async (login: string, locale: 'zh-CN' | 'en') => {
      const rows = await h.store.notifications.list(`u-${login}`);
      const n = rows.find((r) => r.kind === 'automation')!;
      const reader = { kind: 'user' as const, userId: `u-${login}`, role: 'sales', locale };
      const shown = await h.engine.redact.notification(reader, {
        ...n,
        payload: n.payload ?? null,
      });
      return [shown.title, shown.body];
    };
    expect(await shownTo('li.na', 'zh-CN')).toEqual([
      '【我的业绩】2026-01-06 至 2026-01-12',
      '■ 我的新增线索\n数值 1 · 上一周期 0 · 变化 —',
    ]);
    expect(await shownTo('zhang.wei', 'en')).toEqual([
      'My numbers: 2026-01-06 to 2026-01-12',
      '■ My new leads\nValue 3 · Previous period 0 · Change —',
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

  for (const [locale, content] of [
    ['zh-CN', '【招生漏斗】2026-01-06 至 2026-01-12\n■ 跟进中线索\n数值 4 · 上一周期 0 · 变化 —'],
    [
      'en',
      'Admissions funnel: 2026-01-06 to 2026-01-12\n■ Open leads\nValue 4 · Previous period 0 · Change —',
    ],
  ] as const)
    it(`posts each recipient's numbers to a signed DingTalk robot in the workspace's language (${locale})`, async () => {
      const posted: { url: string; body: string }[] = [];
      const http: HttpPort = (req) => {
        posted.push({ url: req.url, body: req.body ?? '' });
        return Promise.resolve({ status: 200, headers: {}, body: '{"errcode":0}' });
      };
      await setup(
        [
          {
            type: 'digest',
            dashboard: 'sales-funnel',
            widgets: ['openLeads'],
            channel: 'webhook',
            url: 'https://oapi.dingtalk.com/robot/send?access_token=T',
            format: 'dingtalk',
            secretRef: 'ding',
            to: ['user:chen.li', 'user:zhang.wei'],
          },
        ],
        http,
        { defaultLocale: locale, secrets: { ding: 'SEC-D' } },
      );
      await nextMonday();
      expect(posted).toHaveLength(0); // queued in the run, sent by the delivery pass
      expect((await h.automations.deliver()).webhooks).toEqual({
        delivered: 1,
        retried: 0,
        dead: 0,
      });
      // The manager's numbers (every open lead); zhang.wei's role may not open sales-funnel.
      expect(posted).toHaveLength(1);
      const url = new URL(posted[0]!.url);
      expect(url.searchParams.get('access_token')).toBe('T');
      expect(url.searchParams.get('sign')).toBe(
        createHmac('sha256', 'SEC-D')
          .update(`${url.searchParams.get('timestamp')}\nSEC-D`)
          .digest('base64'),
      );
      const body = json(posted[0]!.body) as {
        msgtype: string;
        text: { content: string };
        at: unknown;
      };
      expect(body.msgtype).toBe('text');
      expect(body.at).toEqual({ atMobiles: [], isAtAll: false });
      // The robot's title line (the dashboard and the period, once), then every open lead.
      expect(body.text.content).toBe(content);
      const runs = await h.rows('automation_runs', { automation_key: 'weekly-digest' });
      expect(runs.map((r) => r.status)).toEqual(['succeeded']);
    });

  it('emails each rep their own numbers in their own language, and the mailer sends them', async () => {
    const mails: { to: string; subject: string; text: string }[] = [];
    const mailer: MailerPort = {
      send: (m) => (mails.push({ to: m.to, subject: m.subject, text: m.text }), Promise.resolve()),
    };
    await setup(
      [
        {
          type: 'digest',
          dashboard: 'my-numbers',
          widgets: ['myLeads'],
          channel: 'email',
          to: ['user:zhang.wei', 'user:li.na'],
        },
      ],
      undefined,
      { mailer },
    );
    await nextMonday();
    // Queued in the run (nothing leaves inside its transaction), one email per recipient.
    expect(mails).toEqual([]);
    const expected = [
      {
        to: 'li.na@example.com',
        subject: 'My numbers: 2026-01-06 to 2026-01-12',
        text: '■ My new leads\nValue 1 · Previous period 0 · Change —',
      },
      {
        to: 'zhang.wei@example.com',
        subject: '【我的业绩】2026-01-06 至 2026-01-12',
        text: '■ 我的新增线索\n数值 3 · 上一周期 0 · 变化 —',
      },
    ];
    expect(
      sortBy(await h.rows('email_outbox'), 'to_address').map((r) => ({
        to: r.to_address,
        subject: r.subject,
        text: r.body,
        status: r.status,
      })),
    ).toEqual(expected.map((m) => ({ ...m, status: 'pending' })));
    expect((await h.automations.deliver()).emails).toEqual({ delivered: 2, retried: 0, dead: 0 });
    expect(sortBy(mails, 'to')).toEqual(expected);
    expect(await h.count('email_outbox', { status: 'sent' })).toBe(2);
    const runs = await h.rows('automation_runs', { automation_key: 'weekly-digest' });
    expect(runs.map((r) => r.status)).toEqual(['succeeded']);
  });

  it('sends a label with braces as written, not as a placeholder of a record field', async () => {
    await setup(
      [
        {
          type: 'digest',
          dashboard: 'my-numbers',
          widgets: ['myLeads'],
          channel: 'inApp',
          to: ['user:zhang.wei', 'user:li.na'],
        },
      ],
      undefined,
      {
        edit: (spec) => ({
          ...spec,
          dashboards: spec.dashboards?.map((d) =>
            d.key === 'my-numbers'
              ? {
                  ...d,
                  label: { 'zh-CN': '我的业绩 {{phone}}', en: 'My numbers {{name}}' },
                  widgets: d.widgets.map((w) =>
                    w.key === 'myLeads'
                      ? { ...w, title: { 'zh-CN': '新增 {{owner}}', en: 'New {{owner}}' } }
                      : w,
                  ),
                }
              : d,
          ),
        }),
      },
    );
    await nextMonday();
    expect((await inbox()).map((n) => [n.title, String(n.body).split('\n')[0]])).toEqual([
      ['My numbers {{name}}: 2026-01-06 to 2026-01-12', '■ New {{owner}}'],
      ['【我的业绩 {{phone}}】2026-01-06 至 2026-01-12', '■ 新增 {{owner}}'],
    ]);
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
