import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { apiSession } from './harness/api-session';
import { choose, listTotal } from './harness/antd';
import { DESKTOP, newPage, openBrowser, PHONE, shot, signIn } from './harness/browser';
import { demoServer } from './harness/server';

const server = demoServer();

/** The server's count of leads a JSONLogic filter selects, as the admin. */
async function serverCount(filter: unknown): Promise<number> {
  const api = await apiSession(server, server.login('admin').login);
  const q = new URLSearchParams({ filter: JSON.stringify(filter), count: '1', limit: '1' });
  return (await api<{ total: number }>('GET', `/api/v1/records/lead?${q}`)).total;
}

/** Types a place into the region filter's picker and picks the search result `path`. */
async function pickPlace(page: Page, typed: string, path: string, shotName?: string) {
  const picker = page.locator('.ant-popover .ant-cascader').last();
  await picker.click();
  await page.keyboard.type(typed);
  const exact = new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  const result = page
    .locator('.trellis-place-popup:not(.ant-select-dropdown-hidden) .ant-cascader-menu-item')
    .filter({ hasText: exact })
    .first();
  await result.waitFor();
  if (shotName) {
    // Shot once the results have slid in (mid-slide they are drawn faded over the list).
    await expect
      .poll(() => page.locator('.ant-slide-up-appear, .ant-slide-up-enter').count())
      .toBe(0);
    await shot(page, shotName, { fullPage: false });
  }
  await result.click();
}

const chips = (page: Page) => page.locator('.trellis-filter-chips');

/**
 * The list's region filter: a place picked by its Chinese name or pinyin (a province, then a
 * city) narrows the list by code prefix; the count the list shows is the server's, and the chip
 * names the place in the page's language.
 */
describe('the region filter’s place picker', () => {
  it('zh-CN: a province by its pinyin, then a city; the list counts what the server counts', async () => {
    const browser = await openBrowser('zh-CN');
    try {
      const page = await newPage(browser);
      const admin = server.login('admin');
      await signIn(page, server.url, admin.login, admin.password);
      // The entity's whole list: no view's own filter beside the one built here.
      await page.goto(`${server.url}/records/lead?view=@lead`);
      await page.locator('.trellis-table-row').first().waitFor();
      await page.getByRole('button', { name: '筛选' }).click();
      const popover = page.locator('.ant-popover');
      await popover.getByRole('button', { name: '添加条件' }).click();
      await choose(page, popover.getByLabel('字段').nth(0), '所在城市', { search: true });
      // A place, not a code: the operator reads "位于".
      await popover.getByText('位于').first().waitFor();

      const zhejiang = await serverCount({ startsWith: [{ var: 'city' }, '33'] });
      const hangzhou = await serverCount({ startsWith: [{ var: 'city' }, '3301'] });
      // The demo has leads in Hangzhou and in other cities of Zhejiang: the two filters differ.
      expect(hangzhou).toBeGreaterThan(0);
      expect(zhejiang).toBeGreaterThan(hangzhou);

      await pickPlace(page, 'zhejiang', '浙江省', 'region-filter-search-zh-CN-desktop');
      await expect.poll(() => listTotal(page), { timeout: 20_000 }).toBe(zhejiang);
      await chips(page).getByText('所在城市 位于 浙江省', { exact: true }).waitFor();
      await shot(page, 'region-filter-province-zh-CN-desktop', { fullPage: false });

      await pickPlace(page, '杭州', '浙江省 / 杭州市');
      await expect.poll(() => listTotal(page), { timeout: 20_000 }).toBe(hangzhou);
      await chips(page).getByText('所在城市 位于 浙江省 / 杭州市', { exact: true }).waitFor();
      await page.keyboard.press('Escape');
      await shot(page, 'region-filter-city-zh-CN-desktop');

      // The filter stays in the URL; the chip takes it away again.
      await page.reload();
      await chips(page).getByText('所在城市 位于 浙江省 / 杭州市', { exact: true }).waitFor();
      await expect.poll(() => listTotal(page), { timeout: 20_000 }).toBe(hangzhou);
      await chips(page).getByLabel('移除筛选：所在城市 位于 浙江省 / 杭州市').click();
      await expect.poll(() => chips(page).count()).toBe(0);
      await expect.poll(() => listTotal(page), { timeout: 20_000 }).toBeGreaterThan(hangzhou);
      expect(page.pageErrors).toEqual([]);
    } finally {
      await browser.closeAll();
    }
  }, 180_000);

  it('en on a phone: the picker and the chip read English place names', async () => {
    const browser = await openBrowser('en');
    try {
      const page = await newPage(browser, PHONE);
      const admin = server.login('admin');
      await signIn(page, server.url, admin.login, admin.password);
      await page.goto(`${server.url}/records/lead?view=@lead`);
      // A phone shows cards, not table rows: the count says the list is there.
      await expect.poll(() => listTotal(page), { timeout: 30_000 }).toBeGreaterThan(0);
      await page.getByRole('button', { name: 'Filter' }).click();
      const popover = page.locator('.ant-popover');
      await popover.getByRole('button', { name: 'Add condition' }).click();
      await choose(page, popover.getByLabel('Field').nth(0), 'City', { search: true });
      const hangzhou = await serverCount({ startsWith: [{ var: 'city' }, '3301'] });
      // A Chinese name finds the place on an English page too.
      await pickPlace(page, '杭州', 'Zhejiang / Hangzhou', 'region-filter-search-en-phone');
      await expect.poll(() => listTotal(page), { timeout: 20_000 }).toBe(hangzhou);
      await chips(page).getByText('City is in Hangzhou, Zhejiang', { exact: true }).waitFor();
      await page.keyboard.press('Escape');
      await shot(page, 'region-filter-city-en-phone');
      await page.setViewportSize(DESKTOP);
      await chips(page).getByText('City is in Hangzhou, Zhejiang', { exact: true }).waitFor();
      await shot(page, 'region-filter-city-en-desktop');
      expect(page.pageErrors).toEqual([]);
    } finally {
      await browser.closeAll();
    }
  }, 180_000);
});
