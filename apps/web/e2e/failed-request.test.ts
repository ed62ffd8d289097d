import { describe, expect, it } from 'vitest';
import type { Page, Route } from 'playwright-core';
import { newPage, openBrowser, PHONE, shot, signIn } from './harness/browser';
import { demoServer } from './harness/server';

const server = demoServer();

/** A server failure as Trellis answers one: problem details with a localized sentence. */
const serverError = (route: Route) =>
  route.fulfill({
    status: 500,
    contentType: 'application/problem+json',
    body: JSON.stringify({ status: 500, code: 'internal', detail: '服务器暂时出错了' }),
  });

/** The list's record requests (`/api/v1/views/<view>/records` or `/api/v1/records/<entity>`). */
const isListRequest = (url: URL) =>
  /^\/api\/v1\/(views\/[^/]+\/records|records\/[^/]+)$/.test(url.pathname);

/**
 * Fails the requests `matches` picks with `fail` while `state.failing` is set, counting every
 * request it saw; the rest go to the server untouched.
 */
async function breakRequests(
  page: Page,
  matches: (url: URL) => boolean,
  fail: (route: Route) => Promise<void>,
) {
  const state = { failing: true, seen: 0 };
  await page.route(
    (url) => matches(url),
    async (route) => {
      state.seen++;
      if (state.failing) await fail(route);
      else await route.continue();
    },
  );
  return state;
}

describe('a failed request says what failed and offers a retry', () => {
  it('zh-CN: the list after a server error; a single error is retried without bothering anyone', async () => {
    const browser = await openBrowser('zh-CN');
    try {
      const page = await newPage(browser);
      const rep = server.login('sales');
      await signIn(page, server.url, rep.login, rep.password);

      // Failing until the user acts: the page names the failure and offers Retry, which works.
      const broken = await breakRequests(page, isListRequest, serverError);
      await page.goto(`${server.url}/records/lead`);
      const failure = page.locator('.ant-result');
      await failure.getByText('加载失败').waitFor();
      await failure.getByText('服务器暂时出错了').waitFor();
      expect(await page.locator('.trellis-table-row').count()).toBe(0);
      await shot(page, 'list-failed-zh-CN-desktop');
      const attempts = broken.seen;
      broken.failing = false;
      await failure.getByRole('button', { name: /^重\s?试$/ }).click();
      await page.locator('.trellis-table-row').first().waitFor();
      expect(await failure.count()).toBe(0);
      expect(broken.seen).toBeGreaterThan(attempts);
      await page.unrouteAll();

      // One failure only: the app asks again by itself and the rows come, no error shown.
      let failures = 0;
      await page.route(
        (url) => isListRequest(url),
        async (route) => {
          if (failures++ === 0) await serverError(route);
          else await route.continue();
        },
      );
      await page.goto(`${server.url}/records/lead?sort=name`);
      await page.locator('.trellis-table-row').first().waitFor();
      expect(failures).toBe(2);
      expect(await page.locator('.ant-result').count()).toBe(0);
      expect(page.pageErrors).toEqual([]);
    } finally {
      await browser.closeAll();
    }
  }, 180_000);

  it('zh-CN phone: a record page that times out, and a follow-up the server refuses, both recover', async () => {
    const browser = await openBrowser('zh-CN');
    try {
      const page = await newPage(browser, PHONE);
      const rep = server.login('sales');
      await signIn(page, server.url, rep.login, rep.password);
      // One of the rep's own leads (theirs to log on).
      const id = await page.evaluate(async () => {
        const res = await fetch('/api/v1/views/my-leads/records?limit=1');
        return ((await res.json()) as { items: { id: string }[] }).items[0]!.id;
      });

      // Nothing answers the record (a timeout): the page says the server could not be reached.
      const path = `/api/v1/records/lead/${id}`;
      const broken = await breakRequests(
        page,
        (url) => url.pathname === path,
        (route) => route.abort('timedout'),
      );
      await page.goto(`${server.url}/records/lead/${id}`);
      const failure = page.locator('.ant-result');
      await failure.getByText('网络连接失败，请检查网络后重试。').waitFor();
      await shot(page, 'record-timeout-zh-CN-phone', { fullPage: false });
      broken.failing = false;
      await failure.getByRole('button', { name: /^重\s?试$/ }).click();
      await page.getByRole('button', { name: '记录跟进', exact: true }).waitFor();
      await page.unrouteAll();

      // Logging a follow-up fails once: the reason shows by the box, the note is kept, and the
      // same button then logs it.
      const note = `回访失败后重试 ${Date.now() % 100000}`;
      const logging = await breakRequests(
        page,
        (url) => url.pathname === `${path}/activities`,
        serverError,
      );
      await page.getByLabel('内容', { exact: true }).fill(note);
      await page.getByRole('button', { name: '记录跟进', exact: true }).click();
      await page.getByRole('alert').filter({ hasText: '服务器暂时出错了' }).waitFor();
      expect(await page.getByLabel('内容', { exact: true }).inputValue()).toBe(note);
      logging.failing = false;
      // By its text: right after the refusal, the lookup by role and name found no button for
      // 30 s in the full suite run (the button was there, as a count by role showed).
      await page
        .locator('button')
        .filter({ hasText: /^记录跟进$/ })
        .click();
      await page.getByText('已记录跟进').waitFor();
      await page.getByText(note).first().waitFor();
      expect(logging.seen).toBe(2);
      expect(page.pageErrors).toEqual([]);
    } finally {
      await browser.closeAll();
    }
  }, 180_000);
});
