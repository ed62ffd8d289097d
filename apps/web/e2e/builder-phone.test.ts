import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { shot, PHONE } from './harness/browser';
import { inBuilderBrowser } from './harness/builder-browser';
import { signInAs } from './harness/builder-steps';
import { demoServer } from './harness/server';

const server = demoServer();

/** Where an element starts, in CSS pixels from the top of the page (not of the viewport). */
const pageTop = (page: Page, selector: string) =>
  page
    .locator(selector)
    .first()
    .evaluate((el) => el.getBoundingClientRect().top + window.scrollY);

/**
 * The open automation's name in its card's head is shown whole: not cut to "…" beside "Run
 * log", which itself stays on the screen.
 */
async function expectWholeTitle(page: Page, runLog: string) {
  const head = page.locator('.ant-card-head').first();
  const title = head.locator('.ant-card-head-title');
  await title.waitFor();
  await expect.poll(() => title.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
  const link = head.getByRole('link', { name: runLog });
  const box = (await link.boundingBox())!;
  expect(box.x + box.width).toBeLessThanOrEqual(page.viewportSize()!.width);
}

/** The automation with the longest name in `locale` (the one most likely to be cut). */
const longest = (names: string[]) => names.reduce((a, b) => (b.length > a.length ? b : a));

// The education template has 15 automations: stacked above the editor at phone width, the list
// pushed the automation picked a few screens down the page.
describe('a builder list and its editor at phone width', () => {
  it('shows the list, then the picked automation at the top with a way back (en phone)', async () => {
    await inBuilderBrowser('builder-phone', { locale: 'en', viewport: PHONE }, async (page) => {
      await signInAs(page, server, 'admin');
      await page.goto(`${server.url}/builder/automations`);
      const names = await page.evaluate(async () => {
        const live = (await (await fetch('/api/v1/spec')).json()) as {
          spec: { automations: { label: { en: string } }[] };
        };
        return live.spec.automations.map((a) => a.label.en);
      });
      expect(names.length).toBeGreaterThanOrEqual(12);
      const list = page.getByRole('menu', { name: 'Automations' });
      const items = list.getByRole('menuitem');
      await expect.poll(() => items.count(), { timeout: 30_000 }).toBe(names.length);
      // The list alone: no editor below it.
      expect(await page.getByRole('tab', { name: 'Test on a record' }).count()).toBe(0);
      await shot(page, 'builder-phone-list-en-phone');

      // The last one: the list is scrolled to reach it.
      const name = names.at(-1)!;
      const last = items.filter({ hasText: name });
      await last.scrollIntoViewIfNeeded();
      await last.click();
      await page.waitForURL(/\/builder\/automations\/[\w-]+$/);
      const back = page.getByRole('button', { name: 'Back to Automations' });
      await back.waitFor();
      await page.getByRole('tab', { name: 'Test on a record' }).waitFor();
      expect(await list.count()).toBe(0);
      // The editor starts in the first screen, and the page is shown from its top.
      expect(await pageTop(page, '.ant-tabs')).toBeLessThan(PHONE.height - 100);
      await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(0);
      // It is the automation picked: its name is in the editor's name input.
      expect(await page.getByLabel('Name (English)').first().inputValue()).toBe(name);
      await shot(page, 'builder-phone-detail-en-phone', { fullPage: false });

      // The longest name reads whole next to "Run log" (it was cut to "…" on a phone).
      await back.click();
      const long = longest(names);
      await items.filter({ hasText: long }).first().click();
      await page.getByRole('tab', { name: 'Test on a record' }).waitFor();
      await expectWholeTitle(page, 'Run log');
      await shot(page, 'builder-phone-long-name-en-phone', { fullPage: false });

      // Back: the list again, the address without an automation.
      await back.click();
      await page.waitForURL(/\/builder\/automations$/);
      await expect.poll(() => items.count()).toBe(names.length);
      expect(await page.getByRole('tab', { name: 'Test on a record' }).count()).toBe(0);

      // The phone's back button goes back to the automation, as the address says.
      await page.goBack();
      await page.getByRole('tab', { name: 'Test on a record' }).waitFor();
      expect(page.pageErrors).toEqual([]);
    });
  }, 180_000);

  it('keeps the list beside the editor on a desktop, and opens an entity from its list on a zh-CN phone', async () => {
    await inBuilderBrowser('builder-phone-zh-CN', { locale: 'zh-CN' }, async (page) => {
      await signInAs(page, server, 'admin');
      await page.goto(`${server.url}/builder/automations`);
      // Desktop: the list and the first automation's editor side by side, no back button.
      const list = page.getByRole('menu', { name: '自动化' });
      await list.waitFor();
      await page.getByRole('tab', { name: '用记录试运行' }).waitFor();
      expect(await page.getByRole('button', { name: /^返回/ }).count()).toBe(0);
      // Every name in the narrow list reads whole (they were cut: "第一次联系上线索时记…").
      const cut = await list
        .locator('.ant-menu-title-content')
        .evaluateAll((items) =>
          items
            .filter((e) =>
              [e, ...e.querySelectorAll('*')].some((x) => x.scrollWidth > x.clientWidth + 1),
            )
            .map((e) => e.textContent),
        );
      expect(cut).toEqual([]);
      await shot(page, 'builder-list-names-zh-CN-desktop', { fullPage: false });

      await page.setViewportSize(PHONE);
      // The longest Chinese name reads whole next to 运行日志 on a phone.
      const names = await page.evaluate(async () => {
        const live = (await (await fetch('/api/v1/spec')).json()) as {
          spec: { automations: { label: { 'zh-CN': string } }[] };
        };
        return live.spec.automations.map((a) => a.label['zh-CN']);
      });
      await list
        .getByRole('menuitem')
        .filter({ hasText: longest(names) })
        .first()
        .click();
      await page.getByRole('tab', { name: '用记录试运行' }).waitFor();
      await expectWholeTitle(page, '运行日志');
      await shot(page, 'builder-phone-long-name-zh-CN-phone', { fullPage: false });

      await page.goto(`${server.url}/builder/entities`);
      const entities = page.getByRole('menu', { name: '实体' });
      await entities.getByRole('menuitem', { name: '线索' }).click();
      await page.getByRole('button', { name: '返回实体' }).waitFor();
      await page.getByRole('button', { name: '手机号', exact: true }).waitFor();
      expect(await entities.count()).toBe(0);
      await shot(page, 'builder-phone-entity-zh-CN-phone', { fullPage: false });
      await page.getByRole('button', { name: '返回实体' }).click();
      await entities.getByRole('menuitem', { name: '线索' }).waitFor();
      expect(page.pageErrors).toEqual([]);
    });
  }, 180_000);

  it('shows each published version whole on a zh-CN phone: its time, publisher or note and buttons on screen', async () => {
    await inBuilderBrowser(
      'builder-phone-history',
      { locale: 'zh-CN', viewport: PHONE },
      async (page) => {
        await signInAs(page, server, 'admin');
        await page.goto(`${server.url}/builder/history`);
        const rows = page.locator('.ant-table-tbody tr.ant-table-row');
        await rows.first().waitFor();
        await rows.first().getByText('线上').waitFor();
        // The five columns scrolled sideways: who published a version, its note and the restore
        // buttons stood past the phone's edge.
        const past = await page.evaluate(() => {
          const leaves = [...document.querySelectorAll<HTMLElement>('.ant-table-tbody *')].filter(
            (e) => e.children.length === 0 && (e.textContent ?? '').trim() !== '',
          );
          const table = document.querySelector('.ant-table-content, .ant-table-body')!;
          return {
            texts: leaves.map((e) => e.textContent!.trim()),
            off: leaves
              .filter((e) => e.getBoundingClientRect().right > window.innerWidth)
              .map((e) => e.textContent!.trim()),
            sideways: table.scrollWidth - table.clientWidth,
          };
        });
        expect(past.texts.join(' ')).toMatch(/v1/);
        expect(past).toMatchObject({ off: [], sideways: 0 });
        await shot(page, 'builder-history-zh-CN-phone', { fullPage: false });
        expect(page.pageErrors).toEqual([]);
      },
    );
  }, 120_000);
});
