import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { choose, listTotal } from './harness/antd';
import { inBothLocales } from './harness/browser';
import { demoServer } from './harness/server';

const server = demoServer();

const text = {
  'zh-CN': {
    view: '视图',
    allLeads: '全部线索',
    myLeads: '我的线索',
    empty: '“我的线索”中没有记录。',
    wholeList: '全部线索',
  },
  en: {
    view: 'View',
    allLeads: 'All leads',
    myLeads: 'My leads',
    empty: 'No records in “My leads”.',
    wholeList: 'All Leads',
  },
};

/** The name the list's view select shows. */
const shownView = (page: Page, name: string) =>
  page
    .getByRole('combobox', { name })
    .locator('xpath=ancestor-or-self::*[contains(concat(" ", @class, " "), " ant-select ")][1]')
    .innerText();

describe("a list opens on the role's view, then on the one last picked", () => {
  it("a manager's leads open on All leads (the workbench's), a rep's and a supervisor's on My leads (not the pool); an empty view offers the whole list; the pick is remembered — zh-CN desktop, en phone", async () => {
    await inBothLocales(server.url, server.login('manager'), async (page, locale) => {
      const s = text[locale];
      await page.goto(`${server.url}/records/lead`);
      await page.getByRole('combobox', { name: s.view }).waitFor();
      await expect.poll(() => shownView(page, s.view)).toContain(s.allLeads);
      await expect.poll(() => listTotal(page), { timeout: 15_000 }).toBeGreaterThan(0);
      const all = await listTotal(page);

      // My leads: a manager owns none — the list says which view is empty and offers them all.
      await choose(page, page.getByRole('combobox', { name: s.view }), s.myLeads);
      await page.getByText(s.empty).waitFor();
      await page.getByRole('button', { name: s.wholeList }).click();
      await expect.poll(() => new URL(page.url()).searchParams.get('view')).toBe('@lead');
      await expect.poll(() => listTotal(page), { timeout: 15_000 }).toBe(all);

      // The view picked last is where the list opens next time.
      await page.goto(`${server.url}/records/lead`);
      await page.getByRole('combobox', { name: s.view }).waitFor();
      await expect.poll(() => shownView(page, s.view)).toContain(s.myLeads);
      await page.getByText(s.empty).waitFor();
      expect(page.pageErrors).toEqual([]);
    });
    // A supervisor's home page shows the pool first (a filtered view): the list does not open
    // there, where their own records are not.
    for (const role of ['sales', 'supervisor']) {
      await inBothLocales(server.url, server.login(role), async (page, locale) => {
        const s = text[locale];
        await page.goto(`${server.url}/records/lead`);
        await page.getByRole('combobox', { name: s.view }).waitFor();
        await expect.poll(() => shownView(page, s.view)).toContain(s.myLeads);
        if (role === 'sales')
          await expect.poll(() => listTotal(page), { timeout: 15_000 }).toBeGreaterThan(0);
        expect(page.pageErrors).toEqual([]);
      });
    }
  }, 180_000);
});
