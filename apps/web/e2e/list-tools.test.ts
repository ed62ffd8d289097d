import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { choose, listTotal } from './harness/antd';
import { newPage, openBrowser, shot, signIn } from './harness/browser';
import { demoServer } from './harness/server';

const server = demoServer();

/**
 * The texts of one column of the list's loaded rows (by its header), read in one pass in the
 * page: a locator per cell cost a round trip each, seconds per call on a busy machine.
 */
async function column(page: Page, header: string): Promise<string[]> {
  return page.locator('.trellis-table').evaluate((table, name) => {
    const text = (el: Element | undefined) => (el as HTMLElement | undefined)?.innerText.trim();
    const headers = [...table.querySelectorAll('[role="columnheader"]')].map((h) => text(h) ?? '');
    const index = headers.indexOf(name);
    if (index < 0) throw new Error(`no column ${name} in ${headers.join(' | ')}`);
    // A cell cut to its column holds its whole text in its title (lib/records/text-cut.ts).
    return [...table.querySelectorAll('.trellis-table-row')].map((row) => {
      const cell = row.querySelectorAll('[role="cell"]')[index];
      return cell?.getAttribute('title') ?? text(cell) ?? '';
    });
  }, header);
}

/** Waits until the list shows `expected` records (the count follows the query). */
async function totalBecomes(page: Page, check: (n: number) => boolean) {
  await expect.poll(() => listTotal(page), { timeout: 15_000 }).toSatisfy(check);
  return listTotal(page);
}

// One browser for the file (a chromium start costs seconds on a busy machine): each person
// signs in on a fresh page after the last one's cookies are cleared.
let browser: Awaited<ReturnType<typeof openBrowser>>;
beforeAll(async () => {
  browser = await openBrowser('en');
});
afterAll(async () => browser?.closeAll());

describe('the list: filter builder, saved views, bulk actions', () => {
  it('en: conditions joined by all / any narrow the list and stay in the URL; a saved view reopens; another rep cannot open it', async () => {
    await browser.clearCookies();
    const page = await newPage(browser);
    const rep = server.login('sales');
    await signIn(page, server.url, rep.login, rep.password);
    await page.goto(`${server.url}/records/lead`);
    await page.locator('.trellis-table-row').first().waitFor();
    const all = await totalBecomes(page, (n) => n > 3);
    // Phone numbers read in their region, not as stored (+86…).
    const phones = await column(page, 'Mobile phone');
    expect(phones.filter(Boolean).length).toBeGreaterThan(0);
    for (const p of phones.filter(Boolean)) expect(p).toMatch(/^1\d{2} \d{4} \d{4}$/);

    await page.getByRole('button', { name: 'Filter' }).click();
    const popover = page.locator('.ant-popover');
    await popover.getByRole('button', { name: 'Add condition' }).click();
    await choose(page, popover.getByLabel('Field').nth(0), 'Stage', {
      search: true,
    });
    await choose(page, popover.getByLabel('Value').nth(0), 'Prospect');
    const prospects = await totalBecomes(page, (n) => n < all);
    expect(prospects).toBeGreaterThan(0);
    expect(new Set(await column(page, 'Stage'))).toEqual(new Set(['Prospect']));

    await popover.getByRole('button', { name: 'Add condition' }).click();
    await choose(page, popover.getByLabel('Field').nth(1), 'Stage', {
      search: true,
    });
    await choose(page, popover.getByLabel('Value').nth(1), 'Needs confirmed');
    // Both at once (all): nothing is in two stages.
    await totalBecomes(page, (n) => n === 0);
    await page.getByText('Nothing matches this search or filter.').waitFor();
    await choose(page, popover.getByLabel('Match', { exact: false }).first(), 'any condition');
    const either = await totalBecomes(page, (n) => n > prospects);
    expect(new Set(await column(page, 'Stage'))).toEqual(new Set(['Prospect', 'Needs confirmed']));
    await shot(page, 'list-filter-en-desktop');

    // The URL keeps the filter: a reload (or a shared link) shows the same list.
    expect(new URL(page.url()).searchParams.get('f')).toContain('"join":"or"');
    await page.reload();
    await page.locator('.trellis-table-row').first().waitFor();
    expect(await totalBecomes(page, (n) => n === either)).toBe(either);
    const filterLink = page.url();

    // Saved as my own view: it reopens by its key, with its filter and without the URL's.
    await page.getByRole('button', { name: 'Save view' }).click();
    const dialog = page.getByRole('dialog');
    const name = `Open leads ${Date.now() % 100000}`;
    await dialog.getByLabel('Name').fill(name);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await page.getByText('View saved').waitFor();
    await expect.poll(() => new URL(page.url()).searchParams.get('view')).toBeTruthy();
    const viewKey = new URL(page.url()).searchParams.get('view')!;
    await page.goto(`${server.url}/records/lead?view=${viewKey}`);
    await page.locator('.trellis-table-row').first().waitFor();
    expect(await totalBecomes(page, (n) => n === either)).toBe(either);
    await page.getByRole('combobox', { name: 'View' }).waitFor();
    expect(await page.locator('.trellis-toolbar .ant-select').first().innerText()).toContain(name);
    await shot(page, 'list-saved-view-en-desktop');

    expect(page.pageErrors).toEqual([]);
    await page.close();

    // Saved views are their owner's: a rep of the same team neither lists nor opens it, and is
    // told so instead of an empty list; the filter link itself works for anyone.
    await browser.clearCookies();
    const otherPage = await newPage(browser);
    const second = server.login('sales', 1);
    await signIn(otherPage, server.url, second.login, second.password);
    await otherPage.goto(`${server.url}/records/lead?view=${viewKey}`);
    await otherPage.getByText(/This view does not exist or is not shared with you/).waitFor();
    expect(await otherPage.content()).not.toContain(name);
    await shot(otherPage, 'list-view-not-shared-en-desktop');
    await otherPage.goto(filterLink.replace(/view=[^&]+&?/, ''));
    await otherPage.locator('.trellis-table-row').first().waitFor();
    expect(new Set(await column(otherPage, 'Stage'))).toEqual(
      new Set(['Prospect', 'Needs confirmed']),
    );
    expect(otherPage.pageErrors).toEqual([]);
    await otherPage.close();
  }, 240_000);

  it('en: a manager assigns and moves selected leads; the refused ones are listed with the reason', async () => {
    await browser.clearCookies();
    const page = await newPage(browser);
    const manager = server.login('manager');
    await signIn(page, server.url, manager.login, manager.password);
    // Prospects only, sorted by name, so the selection is predictable.
    const f = JSON.stringify({ join: 'and', rows: [{ field: 'stage', op: 'eq', value: 'new' }] });
    await page.goto(
      `${server.url}/records/lead?view=all-leads&f=${encodeURIComponent(f)}&sort=name`,
    );
    await page.locator('.trellis-table-row').first().waitFor();
    const rows = page.locator('.trellis-table-row');
    const names: string[] = [];
    for (let i = 0; i < 3; i++) {
      await rows.nth(i).getByRole('checkbox').check();
      names.push((await rows.nth(i).getByRole('link').innerText()).trim());
    }
    const bar = page.getByRole('region', { name: 'Bulk actions' });
    await bar.getByText('3 selected').waitFor();
    await shot(page, 'list-bulk-en-desktop');

    const rep = server.login('sales', 1);
    const repName = await page.evaluate(async (login) => {
      const res = await fetch('/api/v1/users?limit=200');
      const body = (await res.json()) as { items: { login: string; name: string }[] };
      return body.items.find((u) => u.login === login)?.name ?? login;
    }, rep.login);
    await choose(page, bar.getByLabel('Assign to…'), repName, { acts: true });
    await page.getByText('Done for 3').waitFor();
    await expect
      .poll(async () => (await column(page, 'Owner')).slice(0, 3))
      .toEqual([repName, repName, repName]);

    for (let i = 0; i < 3; i++) await rows.nth(i).getByRole('checkbox').check();
    // Prospects lack what “Needs confirmed” requires: each is refused with its reason.
    await choose(page, bar.getByLabel('Move to stage…'), 'Needs confirmed', { acts: true });
    const refused = page.getByRole('dialog');
    await refused.getByText(/\d not changed/).waitFor();
    const text = await refused.innerText();
    for (const n of names) expect(text).toContain(n);
    expect(text).toMatch(/Budget range/);
    await shot(page, 'list-bulk-refused-en-desktop');
    expect(page.pageErrors).toEqual([]);
    await page.close();
  }, 240_000);
});
