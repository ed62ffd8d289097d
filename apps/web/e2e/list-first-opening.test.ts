import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newPage, openBrowser, signIn } from './harness/browser';
import { demoServer } from './harness/server';
import { WEB_DIR } from './harness/trellis';

const server = demoServer();

const ASSETS = join(WEB_DIR, 'dist', 'assets');
/** The build's file that holds the list page's code (by what is in it, not by its name). */
const LIST_CODE = readdirSync(ASSETS)
  .filter((file) => file.endsWith('.js'))
  .filter((file) => readFileSync(join(ASSETS, file), 'utf8').includes('trellis-table-scroll'));

type Entry = { file: string; path: string; start: number; end: number; transferSize: number };

/** What the page asked for so far, in its own time. */
const entries = (page: Parameters<typeof signIn>[0]): Promise<Entry[]> =>
  page.evaluate(() =>
    (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map((e) => {
      const path = new URL(e.name).pathname;
      return {
        file: path.split('/').pop() ?? '',
        path,
        start: e.startTime,
        end: e.responseEnd,
        transferSize: e.transferSize,
      };
    }),
  );

// The list's first opening after sign-in (issue 15's bench): the browser sends at most six
// requests to one server at once, so what the list needs first must not queue behind its own
// code's files or wait a round trip it need not.
describe("a list's first opening after sign-in", () => {
  // ~11 s alone (a sign-in, the workbench's idle moment, a list); 90 s for a whole suite's run
  // on two busy cores (4–6× slower).
  it(
    'finds its code loaded by the page before and asks for the spec, views and names beside /me',
    { timeout: 90_000 },
    async () => {
      const browser = await openBrowser('zh-CN');
      try {
        const page = await newPage(browser);
        const rep = server.login('sales');
        await signIn(page, server.url, rep.login, rep.password);
        await page.getByRole('heading', { name: /^你好，/ }).waitFor();
        // The workbench asks for the list's code once it has nothing more urgent to do.
        expect(LIST_CODE).toHaveLength(1);
        const loaded = await page
          .waitForFunction(
            (file) =>
              (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).some((e) =>
                e.name.endsWith(`/assets/${file}`),
              ),
            LIST_CODE[0],
            { timeout: 10_000 },
          )
          .then(() => true)
          .catch(() => false);
        expect(loaded, 'the list code asked for on the workbench').toBe(true);

        await page.goto(`${server.url}/records/lead?view=my-leads`);
        await page.locator('.trellis-table-row').first().waitFor();
        const onList = await entries(page);
        // Its code came from the browser's cache, not over one of the six connections.
        const code = onList.find((e) => e.file === LIST_CODE[0]);
        expect(code?.transferSize, 'the list code fetched again').toBe(0);
        // The spec, the views and the users went out before /me had answered.
        const me = onList.find((e) => e.path === '/api/v1/me');
        expect(me).toBeDefined();
        for (const path of ['/api/v1/spec', '/api/v1/views', '/api/v1/users']) {
          const asked = onList.find((e) => e.path === path);
          expect(asked, path).toBeDefined();
          expect(asked!.start, `${path} asked after /me answered`).toBeLessThan(me!.end);
        }
        expect(page.pageErrors).toEqual([]);
      } finally {
        await browser.closeAll();
      }
    },
  );
});
