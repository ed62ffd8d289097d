import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { shot } from './harness/browser';
import { inBuilderBrowser } from './harness/builder-browser';
import { signInAs } from './harness/builder-steps';
import { demoServer } from './harness/server';
import { discardDraft, draftSpec } from './harness/draft';

const server = demoServer();

type Widget = {
  key: string;
  spend?: { entity: string; key: string; field: string };
  before?: { from: string; to: string };
};
type DraftSpec = { dashboards: { key: string; widgets: Widget[] }[] };

const draftWidget = async (page: Page, dashboard: string, widget: string) =>
  (await draftSpec<DraftSpec>(page))?.dashboards
    .find((x) => x.key === dashboard)
    ?.widgets.find((x) => x.key === widget) ?? null;

describe('widget settings in the dashboards editor', () => {
  it('reads the spend as three pickers and sets a before period on a calendar, not as JSON', async () => {
    await inBuilderBrowser(
      'builder-widget-spend-en',
      { locale: 'en', cleanUp: discardDraft },
      async (page) => {
        await signInAs(page, server, 'admin');
        // The template's spend setting (campaign / code / spend) reads back as its labels.
        await page.goto(`${server.url}/builder/dashboards/channel-roi`);
        const spendItem = page.locator('.ant-form-item', {
          has: page.getByText('Where the spend is', { exact: true }),
        });
        await spendItem.waitFor();
        for (const shown of ['Campaign', 'Campaign code', 'Spend'])
          await spendItem.getByText(shown, { exact: true }).waitFor();
        expect(await page.getByText('Where the spend is (JSON)').count()).toBe(0);
        await shot(page, 'builder-widget-spend-en-desktop');
        // A ratio's count headers (the widget schema's numeratorLabel / denominatorLabel) read
        // back as text in each language, not JSON.
        for (const [name, zh, en] of [
          ['Header of the count above the line (e.g. Deals won)', '成交线索', 'Leads enrolled'],
          ['Header of the count below the line (e.g. All deals)', '全部线索', 'All leads'],
        ]) {
          const box = (lang: string) =>
            page.getByRole('textbox', { name: `${name} (${lang})`, exact: true });
          await expect.poll(() => box('Chinese').inputValue()).toBe(zh);
          expect(await box('English').inputValue()).toBe(en);
        }

        // A before period picked by typing both days into the range picker.
        await page.goto(`${server.url}/builder/dashboards/team-performance`);
        const before = page.locator('.ant-form-item', {
          has: page.getByText('Before', { exact: true }),
        });
        await before.waitFor();
        const days = before.locator('input');
        await days.nth(0).click();
        await days.nth(0).fill('2026-01-01');
        await page.keyboard.press('Enter');
        await days.nth(1).fill('2026-03-31');
        await page.keyboard.press('Enter');
        await page
          .locator('[data-testid=builder-save-status]')
          .getByText('All changes saved')
          .waitFor();
        await expect
          .poll(async () => (await draftWidget(page, 'team-performance', 'beforeAfter'))?.before)
          .toEqual({ from: '2026-01-01', to: '2026-03-31' });
        await shot(page, 'builder-widget-period-en-desktop');
        expect(page.pageErrors).toEqual([]);
      },
    );
  }, 180_000);
});
