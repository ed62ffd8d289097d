import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DESKTOP, newPage, openBrowser, shot, signIn } from './harness/browser';
import { demoServer } from './harness/server';

const server = demoServer();

/** Where focus is: the record of its row and which of the row's controls holds it. */
const focusedIn = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    const row = el?.closest<HTMLElement>('.trellis-table-row');
    if (!el || !row) return null;
    return { id: row.dataset.id, control: el.tagName === 'INPUT' ? 'box' : 'link' };
  });

/** Counts the writes to the rows' texts and titles from here on. */
const countWrites = (page: Page) =>
  page.evaluate(() => {
    const w = window as unknown as { writes: number };
    w.writes = 0;
    new MutationObserver((records) => (w.writes += records.length)).observe(
      document.querySelector('.trellis-table-body')!,
      { characterData: true, attributeFilter: ['title'], subtree: true },
    );
  });
const writes = (page: Page) =>
  page.evaluate(() => (window as unknown as { writes: number }).writes);

/** Cells whose text is cut to their column (the whole in their title). */
const cutCells = (page: Page) => page.locator('.trellis-table-body .trellis-td[title]').count();

/** Resizes the window and waits until the header's cells have the new widths and two frames passed. */
async function resize(page: Page, size: { width: number; height: number }) {
  await page.setViewportSize(size);
  await page.evaluate(
    () =>
      new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r)))),
  );
}

describe('resizing a list', () => {
  it('keeps a keyboard user on the row box they were on, and rewrites only the cells the new width changes — zh-CN and en', async () => {
    const manager = server.login('manager');
    for (const locale of ['zh-CN', 'en'] as const) {
      const browser = await openBrowser(locale);
      try {
        // A wide screen: the list's columns share the width beyond their least (at 1366 the
        // manager's ten columns are at their least, and a resize changes none of them).
        const page = await newPage(browser, { width: 1700, height: DESKTOP.height });
        await signIn(page, server.url, manager.login, manager.password);
        await page.goto(`${server.url}/records/lead?view=all-leads`);
        await page.locator('.trellis-table-row').first().waitFor();
        // Down the list, past the first screen: a record whose row's elements change when the
        // window holds more or fewer rows (each row's slot is its place modulo their number).
        await page.locator('.trellis-table-scroll').evaluate((el) => (el.scrollTop = 30 * 40));
        const row = (n: number) => page.locator(`.trellis-table-row[aria-rowindex="${n + 2}"]`);
        await row(34).waitFor();
        // Its box, reached with the keyboard (Tab from the row above's box, past its link).
        await row(33).locator('input[type=checkbox]').focus();
        await page.keyboard.press('Tab');
        await page.keyboard.press('Tab');
        const id = await row(34).getAttribute('data-id');
        expect(await focusedIn(page)).toEqual({ id, control: 'box' });

        // Wider: every text that fitted still fits; only the cut ones may be written again (a
        // cut cell's text, and its title when it now fits whole).
        const cut = await cutCells(page);
        await countWrites(page);
        await resize(page, { width: 1920, height: DESKTOP.height });
        expect(await focusedIn(page), 'wider').toEqual({ id, control: 'box' });
        expect(await writes(page), `${cut} cells were cut`).toBeLessThanOrEqual(2 * cut);
        // Narrower again: focus stays.
        await resize(page, { width: 1600, height: DESKTOP.height });
        expect(await focusedIn(page), 'narrower').toEqual({ id, control: 'box' });

        // Shorter and taller: the window holds fewer or more rows, the record moves to another
        // row's elements, and focus goes with it.
        await resize(page, { width: 1600, height: 600 });
        expect(await focusedIn(page), 'shorter').toEqual({ id, control: 'box' });
        await resize(page, { width: 1600, height: 1000 });
        expect(await focusedIn(page), 'taller').toEqual({ id, control: 'box' });
        // The keyboard carries on where it was: Space selects that record.
        await page.keyboard.press('Space');
        expect(
          await page
            .locator(`.trellis-table-row[data-id="${id}"] input[type=checkbox]`)
            .isChecked(),
        ).toBe(true);
        await shot(page, `list-resize-${locale}`);
        expect(page.pageErrors).toEqual([]);
      } finally {
        await browser.closeAll();
      }
    }
  }, 120_000);
});
