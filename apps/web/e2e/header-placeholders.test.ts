// The header's lazy pieces (global search, inbox bell) load after the shell. Until their chunks
// arrive the header draws stand-ins of the same size and look, so nothing jumps when they come:
// here the chunks are held back, the header is shot with its stand-ins, then they are let through
// and every piece of the header must be exactly where its stand-in was.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DESKTOP, newPage, openBrowser, PHONE, shot, signIn } from './harness/browser';
import { demoServer } from './harness/server';

const server = demoServer();

const CASES = [
  { locale: 'en', viewport: DESKTOP, size: 'desktop', hint: /^Search customers/ },
  { locale: 'zh-CN', viewport: PHONE, size: 'phone', hint: /^搜索客户/ },
] as const;

/** The header's pieces' boxes, rounded to a pixel: the search box, the bell and the user menu. */
const boxesOf = (page: Page, search: string) =>
  Promise.all(
    [
      page.locator(search),
      page.locator('.trellis-header button:has(.anticon-bell)'),
      page.locator('.trellis-header .trellis-user-button'),
    ].map(async (l) => {
      const b = (await l.boundingBox())!;
      return [b.x, b.y, b.width, b.height].map(Math.round);
    }),
  );

describe('the header while its lazy pieces load', () => {
  for (const c of CASES)
    it(`${c.locale} ${c.size}: stand-ins of the search box and the bell, nothing moves when they come`, async () => {
      const browser = await openBrowser(c.locale);
      let releaseOnExit = () => {};
      try {
        const page = await newPage(browser, c.viewport);
        // Holds back the chunks of the search box (features/search) and of the bell
        // (features/inbox/header) until released.
        let release!: () => void;
        const released = new Promise<void>((r) => (release = r));
        let held = 0;
        await page.route(/\/assets\/(search|header)-[\w-]+\.js$/, async (route) => {
          held++;
          await released;
          await route.continue();
        });
        releaseOnExit = release;
        const rep = server.login('sales');
        await signIn(page, server.url, rep.login, rep.password);
        const stand = page.locator('.trellis-header .trellis-search-placeholder');
        await stand.waitFor();
        await expect.poll(() => stand.innerText()).toMatch(c.hint);
        await page.locator('.trellis-header .trellis-user-button').waitFor();
        await expect.poll(() => held).toBe(2);
        const before = await boxesOf(page, '.trellis-header .trellis-search-placeholder');
        await shot(page, `header-loading-${c.locale}-${c.size}`, { fullPage: false });

        release();
        await page
          .locator('.trellis-header')
          .getByRole('combobox', { name: c.locale === 'en' ? 'Global search' : '全局搜索' })
          .waitFor();
        await page.locator('.trellis-header .ant-badge').waitFor();
        expect(await stand.count()).toBe(0);
        const after = await boxesOf(page, '.trellis-header .ant-select');
        expect(after).toEqual(before);
        await shot(page, `header-loaded-${c.locale}-${c.size}`, { fullPage: false });
        expect(page.pageErrors).toEqual([]);
      } finally {
        releaseOnExit();
        await browser.closeAll();
      }
    }, 90_000);
});
