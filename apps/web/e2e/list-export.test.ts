import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { listTotal } from './harness/antd';
import { newPage, openBrowser, shot, signIn } from './harness/browser';
import { downloadedBytes } from './harness/download';
import { demoServer } from './harness/server';

const server = demoServer();

describe("the list's export button", () => {
  it('zh-CN: a supervisor exports the filtered list as CSV and gets exactly its rows, in Chinese', async () => {
    const browser = await openBrowser('zh-CN');
    try {
      const page = await newPage(browser);
      const supervisor = server.login('supervisor');
      await signIn(page, server.url, supervisor.login, supervisor.password);
      // Two stages of every lead the supervisor may read (their team's): a filter built in the
      // list, as its URL carries it.
      const f = {
        join: 'and',
        rows: [{ field: 'stage', op: 'in', value: ['new', 'qualified'] }],
      };
      await page.goto(
        `${server.url}/records/lead?view=all-leads&f=${encodeURIComponent(JSON.stringify(f))}`,
      );
      await page.locator('.trellis-table-row').first().waitFor();
      const total = await listTotal(page);
      expect(total).toBeGreaterThan(0);

      // What the list holds under the filter, every page of it, as the API answers the list.
      const listed = await page.evaluate(async () => {
        const filter = { in: [{ var: 'stage' }, ['new', 'qualified']] };
        const rows: { id: string; name: string }[] = [];
        let cursor: string | null = null;
        do {
          const q = new URLSearchParams({ filter: JSON.stringify(filter), limit: '100' });
          if (cursor) q.set('cursor', cursor);
          const res = await fetch(`/api/v1/views/all-leads/records?${q}`);
          const body = (await res.json()) as {
            items: { id: string; name: string }[];
            nextCursor: string | null;
          };
          rows.push(...body.items.map((r) => ({ id: r.id, name: r.name })));
          cursor = body.nextCursor;
        } while (cursor);
        return rows;
      });
      expect(listed).toHaveLength(total);

      await page.getByRole('button', { name: '导出' }).hover();
      const item = page.getByRole('menuitem', { name: 'CSV（UTF-8）' });
      await item.waitFor();
      await shot(page, 'list-export-zh-CN-desktop');
      const [download] = await Promise.all([page.waitForEvent('download'), item.click()]);
      expect(download.suggestedFilename()).toMatch(/^lead-\d{4}-\d{2}-\d{2}\.csv$/);
      const text = (await downloadedBytes(download)).toString('utf8');
      // UTF-8 with a byte-order mark, so Excel reads the Chinese right.
      expect(text.charCodeAt(0)).toBe(0xfeff);
      const rows = parse(text, { bom: true, columns: true, skip_empty_lines: true }) as Record<
        string,
        string
      >[];
      expect(rows).toHaveLength(total);
      // The same records (by id) with the names the list shows, under Chinese headers.
      const byId = (a: { id: string; name: string }[]) =>
        [...a].sort((x, y) => x.id.localeCompare(y.id));
      expect(byId(rows.map((r) => ({ id: r['编号']!, name: r['姓名']! })))).toEqual(byId(listed));
      expect(page.pageErrors).toEqual([]);
    } finally {
      await browser.closeAll();
    }
  }, 180_000);
});
