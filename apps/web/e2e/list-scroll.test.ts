import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { apiSession } from './harness/api-session';
import { newPage, openBrowser, shot, signIn } from './harness/browser';
import { demoServer } from './harness/server';

const server = demoServer();

/** The rows the list shows, by their place: index (from aria-rowindex), top, name, box. */
const shownRows = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('.trellis-table-row')]
      .map((row) => ({
        index: Number(row.getAttribute('aria-rowindex')) - 2,
        top: parseFloat(row.style.top),
        name: row.querySelector('a')?.textContent?.trim() ?? '',
        checked: row.querySelector<HTMLInputElement>('input[type=checkbox]')!.checked,
      }))
      .sort((a, b) => a.index - b.index),
  );

/** Scrolls the list by `px` a frame for `frames` frames, as a wheel or a dragged bar would. */
const scrollBy = (page: Page, px: number, frames: number) =>
  page.evaluate(
    async ([step, n]) => {
      const scroller = document.querySelector('.trellis-table-scroll')!;
      for (let i = 0; i < n; i++) {
        scroller.scrollTop += step;
        await new Promise((r) => requestAnimationFrame(r));
      }
    },
    [px, frames] as const,
  );

describe('scrolling the list', () => {
  it('zh-CN: rows coming into view take over the elements of rows going out, show their own record in its place and keep its selection', async () => {
    const admin = server.login('admin');
    const api = await apiSession(server, admin.login);
    const browser = await openBrowser('zh-CN');
    try {
      const page = await newPage(browser);
      await signIn(page, server.url, admin.login, admin.password);
      await page.goto(`${server.url}/records/lead?view=all-leads`);
      await page.locator('.trellis-table-row').first().waitFor();
      // The third record selected, to follow its box through the recycling (at the top, before
      // any scrolling, the rows are in the list's order in the document).
      const third = page.locator('.trellis-table-row').nth(2);
      const thirdName = (await third.locator('a').textContent())!.trim();
      await third.locator('input[type=checkbox]').check();
      // Row elements added or removed from here on (the first screen's are in).
      await page.evaluate(() => {
        const w = window as unknown as { rowsChanged: number };
        w.rowsChanged = 0;
        new MutationObserver((records) => {
          for (const r of records)
            for (const n of [...r.addedNodes, ...r.removedNodes])
              if (n instanceof Element && n.classList.contains('trellis-table-row'))
                w.rowsChanged++;
        }).observe(document.querySelector('.trellis-table-body')!, { childList: true });
      });
      // Down 60 rows, a row and a half per frame (the view cut by one edge, then by both),
      // within the first page of rows.
      await scrollBy(page, 60, 40);
      expect(
        await page.evaluate(() => (window as unknown as { rowsChanged: number }).rowsChanged),
      ).toBe(0);
      // Each row in its place (aria-rowindex and its top agree, with no gap), showing the record
      // the API lists at that place; the selected record is out of view and no other is checked.
      const { items } = await api<{ items: { name: string }[] }>(
        'GET',
        '/api/v1/views/all-leads/records?limit=100',
      );
      const down = await shownRows(page);
      expect(down[0]!.index).toBeGreaterThanOrEqual(50);
      for (const [i, row] of down.entries()) {
        expect(row.index).toBe(down[0]!.index + i);
        expect(row.top).toBe(row.index * 40);
        expect(row.name).toBe(items[row.index]!.name);
        expect(row.checked).toBe(false);
      }
      // What a user sees there: recycled rows drawn in their places (a row's old text left in
      // a cell, or rows overlapping, would show).
      await shot(page, 'list-scrolled-zh-CN-desktop', { fullPage: false });
      // Back to the top: the selected record's box is checked again, and only its box.
      await scrollBy(page, -130, 20);
      const up = await shownRows(page);
      expect(up[0]!.index).toBe(0);
      expect(up.filter((r) => r.checked).map((r) => r.name)).toEqual([thirdName]);
      expect(up.map((r) => r.name)).toEqual(up.map((r) => items[r.index]!.name));
      expect(
        await page.evaluate(() => (window as unknown as { rowsChanged: number }).rowsChanged),
      ).toBe(0);
      expect(page.pageErrors).toEqual([]);
    } finally {
      await browser.closeAll();
    }
  }, 120_000);
});
