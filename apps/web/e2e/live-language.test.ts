import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { apiSession } from './harness/api-session';
import { newPage, openBrowser, PHONE, shot, signIn } from './harness/browser';
import { demoServer } from './harness/server';
import { trialLead } from './harness/trial-lead';

const server = demoServer();

/** What the app's live streams received: each stream's address and its notifications' bodies. */
type Heard = { urls: string[]; bodies: string[] };

/** Records every EventSource the app opens and the notification events it is sent. */
async function listenToStreams(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const heard = { urls: [] as string[], bodies: [] as string[] };
    Object.assign(window, { heard });
    const Native = window.EventSource;
    window.EventSource = class extends Native {
      constructor(url: string | URL, init?: EventSourceInit) {
        super(url, init);
        heard.urls.push(String(url));
        this.addEventListener('notification', (e) => {
          const n = JSON.parse((e as MessageEvent<string>).data) as { body: string | null };
          heard.bodies.push(n.body ?? '');
        });
      }
    };
  });
}

/** The language switch: in the header on a desktop, at the page's foot on a phone. */
const switchTo = (page: Page, language: '中文' | 'English') =>
  page
    .locator('header .ant-segmented, .trellis-phone-footer .ant-segmented')
    .getByText(language)
    .click();

const heard = (page: Page) => page.evaluate(() => (window as unknown as { heard: Heard }).heard);

/** The owner of a trial lead logs its trial class: the advisor is notified (the lead's name). */
async function notifyAdvisor(advisorLogin: string): Promise<string> {
  const { lead, owner } = await trialLead(server, advisorLogin);
  const rep = await apiSession(server, owner);
  await rep('POST', `/api/v1/records/lead/${lead.id}/activities`, {
    type: 'trial-class',
    body: '试听课已上完',
  });
  return lead.name;
}

describe('the live stream in the language the app shows', () => {
  it('a Chinese browser in the English app hears English; after switching to 中文, Chinese — without a reload (phone)', async () => {
    // The second advisor: live-bell's tests take the first one's trial leads.
    const advisor = server.logins.filter((l) => l.role === 'advisor').at(-1)!;
    const browser = await openBrowser('zh-CN');
    try {
      const page = await newPage(browser, PHONE);
      await listenToStreams(page);
      await signIn(page, server.url, advisor.login, advisor.password);
      await page.getByRole('heading', { name: /^你好，/ }).waitFor();
      await switchTo(page, 'English');
      await page.getByRole('heading', { name: /^Hello, / }).waitFor();
      // The app's stream names the language it shows (the browser's EventSource says Chinese).
      await expect.poll(async () => (await heard(page)).urls.at(-1)).toMatch(/[?&]lang=en\b/);
      await page.evaluate(() => Object.assign(window, { stillTheSamePage: true }));

      const first = await notifyAdvisor(advisor.login);
      await expect
        .poll(async () => (await heard(page)).bodies.join('\n'), { timeout: 30_000 })
        .toContain(`${first} has attended the`);
      expect((await heard(page)).bodies.join('\n')).not.toContain(`${first} 已完成`);
      await page.goto(`${server.url}/inbox`);
      await page.locator('.trellis-notification-body', { hasText: first }).first().waitFor();
      await shot(page, 'live-language-en-phone', { fullPage: false });

      await page.evaluate(() => Object.assign(window, { stillTheSamePage: true }));
      await switchTo(page, '中文');
      await expect.poll(async () => (await heard(page)).urls.at(-1)).toMatch(/[?&]lang=zh-CN\b/);
      const second = await notifyAdvisor(advisor.login);
      await expect
        .poll(async () => (await heard(page)).bodies.join('\n'), { timeout: 30_000 })
        .toContain(`${second} 已完成`);
      expect((await heard(page)).bodies.join('\n')).not.toContain(`${second} has attended`);
      // The new item shows at once in the inbox, in Chinese, on the same page.
      await page
        .locator('.trellis-notification-body', { hasText: `${second} 已完成` })
        .first()
        .waitFor();
      expect(await page.evaluate(() => 'stillTheSamePage' in window)).toBe(true);
      await shot(page, 'live-language-zh-CN-phone', { fullPage: false });
      expect(page.pageErrors).toEqual([]);
    } finally {
      await browser.closeAll();
    }
  }, 180_000);
});
