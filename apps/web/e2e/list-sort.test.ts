import { describe, expect, it } from 'vitest';
import { apiSession } from './harness/api-session';
import { newPage, openBrowser, signIn } from './harness/browser';
import { demoServer } from './harness/server';

const server = demoServer();

describe("the list's column headers", () => {
  it('zh-CN: a click on a header sorts by it, a second click reverses it; the rows are the ones the API sorts first', async () => {
    const rep = server.login('sales');
    const api = await apiSession(server, rep.login);
    const browser = await openBrowser('zh-CN');
    try {
      const page = await newPage(browser);
      await signIn(page, server.url, rep.login, rep.password);
      await page.goto(`${server.url}/records/lead?view=my-leads`);
      await page.locator('.trellis-table-row').first().waitFor();
      const header = page.getByRole('columnheader', { name: '姓名' });
      const firstNames = async () =>
        (await page.locator('.trellis-table-row a').allInnerTexts()).slice(0, 5);
      for (const [aria, sort] of [
        ['ascending', 'name'],
        ['descending', '-name'],
      ] as const) {
        await header.click();
        await expect.poll(() => header.getAttribute('aria-sort')).toBe(aria);
        expect(new URL(page.url()).searchParams.get('sort')).toBe(sort);
        // The same view sorted by the server: its first names, in its order.
        const { items } = await api<{ items: { name: string }[] }>(
          'GET',
          `/api/v1/views/my-leads/records?sort=${sort}&limit=5`,
        );
        expect(items.length).toBeGreaterThan(1);
        await expect.poll(firstNames).toEqual(items.map((r) => r.name));
      }
      expect(page.pageErrors).toEqual([]);
    } finally {
      await browser.closeAll();
    }
  }, 90_000);
});
