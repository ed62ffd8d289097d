import { describe, expect, it } from 'vitest';
import { apiSession } from './harness/api-session';
import { newPage, openBrowser, shot, signIn } from './harness/browser';
import { demoServer } from './harness/server';

const server = demoServer();

type Entry = {
  kind: string;
  reason?: { trace: { team?: string; rule?: number | 'fallback'; strategy: string } };
  touch?: Record<string, unknown>;
};
type Labelled = { key: string; label: string | Record<string, string>; slug?: string };
const zh = (x: Labelled) => (typeof x.label === 'string' ? x.label : x.label['zh-CN']!);

describe("a record's timeline", () => {
  it('zh-CN: a lead from the public form says where it came from (UTM), why this owner (the team by name) and its first task; en: English punctuation', async () => {
    const admin = await apiSession(server, server.login('admin').login);
    const digits = `137${String(Date.now()).slice(-8)}`;
    const name = `时间线${digits.slice(-4)}`;
    const campaign = `dy_2026_winter_python${digits.slice(-3)}`;
    // A prospect sends the public form from a Douyin ad (as the form page posts it).
    const res = await fetch(`${server.url}/f/apply`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        'accept-language': 'zh-CN',
        'idempotency-key': `timeline-${digits}`,
        origin: server.url,
      },
      body: JSON.stringify({
        name,
        phone: digits,
        course: 'python',
        utm_source: 'douyin',
        utm_medium: 'cpc',
        utm_campaign: campaign,
        landing_url: `${server.url}/f/apply?utm_source=douyin`,
      }),
    });
    expect(res.status).toBeLessThan(300);
    const filter = encodeURIComponent(JSON.stringify({ '==': [{ var: 'phone' }, `+86${digits}`] }));
    // The routing automation gives it an owner in the background.
    let lead: { id: string; ownerId: string | null } | undefined;
    await expect
      .poll(
        async () => {
          lead = (
            await admin<{ items: { id: string; ownerId: string | null }[] }>(
              'GET',
              `/api/v1/records/lead?filter=${filter}&limit=1`,
            )
          ).items[0];
          return lead?.ownerId ?? null;
        },
        { timeout: 30_000, interval: 500 },
      )
      .not.toBeNull();
    const timeline = await admin<Entry[] | { items: Entry[] }>(
      'GET',
      `/api/v1/records/lead/${lead!.id}/timeline`,
    );
    const entries = Array.isArray(timeline) ? timeline : timeline.items;
    const trace = entries.find((e) => e.kind === 'assignment' && e.reason)?.reason?.trace;
    expect(trace?.team).toBeTruthy();
    const { spec } = await admin<{ spec: { teams: Labelled[]; forms: Labelled[] } }>(
      'GET',
      '/api/v1/spec',
    );
    const teamName = zh(spec.teams.find((t) => t.key === trace!.team)!);
    const formName = zh(spec.forms.find((f) => f.slug === 'apply')!);

    const browser = await openBrowser('zh-CN');
    try {
      const page = await newPage(browser);
      const who = server.login('admin');
      await signIn(page, server.url, who.login, who.password);
      await page.goto(`${server.url}/records/lead/${lead!.id}`);
      await page.getByRole('heading', { name, exact: true }).waitFor();
      const items = page.locator('.ant-timeline .ant-timeline-item');
      // Where it came from: the ad's source, medium and campaign, the form by its name.
      await items
        .filter({ hasText: `来源 douyin / cpc / ${campaign} / ${formName}` })
        .first()
        .waitFor();
      // Why this owner: the team by its Chinese name and how its member was picked, never the key.
      const assigned = items.filter({ hasText: '原因：' }).first();
      await assigned.waitFor();
      const why = await assigned.innerText();
      expect(why).toContain(teamName);
      expect(why).toMatch(/轮流分配|在跟线索最少|分配规则|手动指定/);
      expect(why).not.toMatch(new RegExp(`(^|[\\s·：])${trace!.team}([\\s·]|$)`));
      if (typeof trace!.rule === 'number')
        expect(why).toContain(`命中第 ${trace!.rule + 1} 条规则`);
      // The routing also gave the owner a first-contact task, listed on the record.
      const tasks = page
        .locator('.ant-card')
        .filter({ has: page.locator('.ant-card-head-title', { hasText: /^任务$/ }) });
      await tasks.getByText(`首次联系：${name}`).first().waitFor();
      await shot(page, 'record-timeline-zh-CN-desktop');
      expect(page.pageErrors).toEqual([]);
    } finally {
      await browser.closeAll();
    }

    // In English the timeline's own punctuation is English: two changed fields are joined by
    // "; " and a task follows "Task: " (both read "；" and "：" in English before).
    const wechat = `tl-${digits.slice(-6)}`;
    const { version } = await admin<{ version: number }>('GET', `/api/v1/records/lead/${lead!.id}`);
    await admin('PATCH', `/api/v1/records/lead/${lead!.id}`, {
      wechatId: wechat,
      email: `${wechat}@example.com`,
      version,
    });
    const english = await openBrowser('en');
    try {
      const page = await newPage(english);
      const who = server.login('admin');
      await signIn(page, server.url, who.login, who.password);
      await page.goto(`${server.url}/records/lead/${lead!.id}`);
      const items = page.locator('.ant-timeline .ant-timeline-item');
      await items
        .filter({ hasText: `WeChat ID: — → ${wechat}; Email: — → ${wechat}@example.com` })
        .first()
        .waitFor();
      await items
        .filter({ hasText: `Task: First contact: ${name}` })
        .first()
        .waitFor();
      expect(await items.filter({ hasText: /；|Task：/ }).count()).toBe(0);
      await shot(page, 'record-timeline-en-desktop');
      expect(page.pageErrors).toEqual([]);
    } finally {
      await english.closeAll();
    }
    // 21 s alone with its English part (s23): 6× that, for a whole suite's run on two busy cores.
  }, 150_000);
});
