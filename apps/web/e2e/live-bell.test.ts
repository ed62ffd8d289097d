import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { apiSession } from './harness/api-session';
import { newPage, openBrowser, shot, signIn } from './harness/browser';
import { demoServer } from './harness/server';

const server = demoServer();

/** The unread count the header's bell shows (its accessible name: "收件箱 (未读 3)"). */
async function bellCount(page: Page): Promise<number> {
  const name = await page.locator('header button:has(.anticon-bell)').getAttribute('aria-label');
  return Number(/(\d+)\)$/.exec(name ?? '')?.[1] ?? 0);
}

describe('the notification bell', () => {
  it("zh-CN: another user's action notifies a course advisor, whose bell rises without a reload", async () => {
    const admin = await apiSession(server, server.login('admin').login);
    const advisor = server.login('advisor');
    const users = await admin<{ items: { id: string; login: string }[] }>(
      'GET',
      '/api/v1/users?limit=200',
    );
    const advisorId = users.items.find((u) => u.login === advisor.login)!.id;
    // A lead at the trial stage with this advisor: logging its trial class notifies them
    // (the template's trial-done-advance automation).
    const filter = {
      and: [{ '==': [{ var: 'stage' }, 'trial'] }, { '==': [{ var: 'courseAdvisor' }, advisorId] }],
    };
    const found = await admin<{ items: { id: string; name: string; ownerId: string }[] }>(
      'GET',
      `/api/v1/records/lead?limit=1&filter=${encodeURIComponent(JSON.stringify(filter))}`,
    );
    const lead = found.items[0];
    if (!lead) throw new Error(`no trial lead of ${advisor.login} left in the demo`);
    const owner = users.items.find((u) => u.id === lead.ownerId)!.login;

    const browser = await openBrowser('zh-CN');
    try {
      const page = await newPage(browser);
      await signIn(page, server.url, advisor.login, advisor.password);
      await page.getByRole('heading', { name: /^你好，/ }).waitFor();
      const unread = await page.evaluate(
        async () =>
          ((await (await fetch('/api/v1/notifications')).json()) as { unread: number }).unread,
      );
      await expect.poll(() => bellCount(page)).toBe(unread);
      // A mark that a reload would wipe out.
      await page.evaluate(() => Object.assign(window, { stillTheSamePage: true }));
      const url = page.url();

      // The lead's owner logs the trial class from elsewhere (their own session).
      const rep = await apiSession(server, owner);
      await rep('POST', `/api/v1/records/lead/${lead.id}/activities`, {
        type: 'trial-class',
        body: '试听课已上完，反馈不错',
      });
      await expect.poll(() => bellCount(page), { timeout: 30_000 }).toBe(unread + 1);
      expect(page.url()).toBe(url);
      expect(await page.evaluate(() => 'stillTheSamePage' in window)).toBe(true);
      await shot(page, 'bell-live-zh-CN-desktop', { fullPage: false });

      // The bell opens the inbox, where the new notification names the lead.
      await page.locator('header button:has(.anticon-bell)').click();
      await page.waitForURL(/\/inbox$/);
      await page.getByText(`${lead.name} 已完成`).first().waitFor();
      // A body keeps its line breaks (a digest is a widget per paragraph, a row per line).
      const body = page.locator('.trellis-notification-body', { hasText: `${lead.name} 已完成` });
      expect(await body.first().evaluate((e) => getComputedStyle(e).whiteSpace)).toBe('pre-line');
      expect(page.pageErrors).toEqual([]);
    } finally {
      await browser.closeAll();
    }
  }, 120_000);
});
