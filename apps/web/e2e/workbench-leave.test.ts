import { describe, expect, it } from 'vitest';
import { newPage, openBrowser, signIn } from './harness/browser';
import { demoServer } from './harness/server';

const server = demoServer();

// Issue 15: the workbench asks for up to ten counts at once (widgets, counts per stage), each
// a read over every record the user may see. A rep who opens a list before they have answered
// must not leave them running: the page aborts what it still waits for (TanStack Query's
// signal), so the server skips those reads (apps/server count-reads) and the list's own reads
// do not queue behind them.
describe('leaving the workbench before its counts answer', () => {
  // ~6 s alone; 60 s for a whole suite's run on two busy cores.
  it(
    'aborts the requests of its widgets and counts still under way',
    { timeout: 60_000 },
    async () => {
      const browser = await openBrowser('zh-CN');
      try {
        const page = await newPage(browser);
        const rep = server.login('sales');
        // The workbench's counts are held (never answered) until the test is done with them.
        const held: string[] = [];
        const release: (() => Promise<void>)[] = [];
        await page.route(
          /\/api\/v1\/(dashboards\/[^/]+\/widgets\/|views\/[^/]+\/groups)/,
          (route) => {
            held.push(new URL(route.request().url()).pathname);
            release.push(() => route.continue().catch(() => undefined));
          },
        );
        const aborted: string[] = [];
        page.on('requestfailed', (request) => {
          if (request.failure()?.errorText.includes('ABORTED'))
            aborted.push(new URL(request.url()).pathname);
        });
        await signIn(page, server.url, rep.login, rep.password);
        await page.getByRole('heading', { name: /^你好，/ }).waitFor();
        await expect.poll(() => held.length, { timeout: 20_000 }).toBeGreaterThan(1);
        const waiting = [...held];
        // Into the list by the menu: the app's own navigation, not a new document.
        await page.getByRole('menuitem', { name: /^\S+ 线索$/ }).click();
        await page.locator('.trellis-table-row').first().waitFor();
        await expect
          .poll(() => waiting.filter((path) => aborted.includes(path)).length, { timeout: 10_000 })
          .toBe(waiting.length);
        await Promise.all(release.map((go) => go()));
        expect(page.pageErrors).toEqual([]);
      } finally {
        await browser.closeAll();
      }
    },
  );
});
