import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { apiSession } from './harness/api-session';
import { newPage, openBrowser, shot, signIn } from './harness/browser';
import { demoServer } from './harness/server';
import { trialLead as trialLeadOf } from './harness/trial-lead';

const server = demoServer();
const trialLead = (advisorLogin: string) => trialLeadOf(server, advisorLogin);

/** The unread count the header's bell shows (its accessible name: "收件箱 (未读 3)"). */
async function bellCount(page: Page): Promise<number> {
  const name = await page.locator('header button:has(.anticon-bell)').getAttribute('aria-label');
  return Number(/(\d+)\)$/.exec(name ?? '')?.[1] ?? 0);
}

describe('the notification bell', () => {
  it("zh-CN: another user's action notifies a course advisor, whose bell rises without a reload", async () => {
    const advisor = server.login('advisor');
    // A lead at the trial stage with this advisor: logging its trial class notifies them
    // (the template's trial-done-advance automation).
    const { lead, owner } = await trialLead(advisor.login);

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

  it('en: a notification sent while the advisor read Chinese reads in English, and follows the language switch', async () => {
    const advisor = server.login('advisor');
    const { lead, owner } = await trialLead(advisor.login);
    // The advisor's language on the server is Chinese when the notification is sent.
    const self = await apiSession(server, advisor.login);
    await self('PATCH', '/api/v1/me', { locale: 'zh-CN' });
    const rep = await apiSession(server, owner);
    await rep('POST', `/api/v1/records/lead/${lead.id}/activities`, {
      type: 'trial-class',
      body: '试听课已上完',
    });
    const browser = await openBrowser('en');
    try {
      const page = await newPage(browser);
      await signIn(page, server.url, advisor.login, advisor.password);
      await page.goto(`${server.url}/inbox`);
      const english = page.locator('.trellis-notification-body', {
        hasText: `${lead.name} has attended the`,
      });
      // The automation runs after the activity is logged: the inbox may need a moment.
      await expect.poll(() => english.count(), { timeout: 30_000 }).toBe(1);
      expect(
        await page
          .locator('.trellis-notification-body', { hasText: `${lead.name} 已完成` })
          .count(),
      ).toBe(0);
      await shot(page, 'inbox-reader-language-en-desktop', { fullPage: false });
      // Switching to Chinese shows the same notification in Chinese, without a reload …
      await page.locator('header .ant-segmented').getByText('中文').click();
      await page
        .locator('.trellis-notification-body', { hasText: `${lead.name} 已完成` })
        .waitFor();
      // … and switching back saves English as the advisor's language (what e-mails use).
      await page.locator('header .ant-segmented').getByText('English').click();
      await english.waitFor();
      await expect
        .poll(
          async () => (await self<{ user: { locale: string } }>('GET', '/api/v1/me')).user.locale,
        )
        .toBe('en');
      expect(page.pageErrors).toEqual([]);
    } finally {
      await browser.closeAll();
    }
  }, 120_000);
});
