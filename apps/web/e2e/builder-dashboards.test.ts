import { describe, expect, it } from 'vitest';
import { choose, pickFromMenu } from './harness/antd';
import { shot, PHONE } from './harness/browser';
import { inBuilderBrowser } from './harness/builder-browser';
import { openBuilder, publishDraft, signInAs } from './harness/builder-steps';
import { draftSpec, draftSaved } from './harness/draft';
import { ownServer } from './harness/own-server';

// The test publishes: it gets a demo server of its own, so the other browser tests keep the
// template as shipped.
const server = ownServer();

// The dashboard the first test builds (its editor is looked at again in zh-CN).
let dashboardKey = '';

describe('the dashboards editor', () => {
  it('adds a breakdown by course to a new dashboard, previews it, publishes and opens it', async ({
    task,
  }) => {
    await server.freshOnRetry(task);
    await inBuilderBrowser('builder-dashboard', { locale: 'en' }, async (page) => {
      await openBuilder(page, server, 'dashboards');
      await page.getByRole('button', { name: 'Add to Dashboards' }).click();
      const modal = page.getByRole('dialog');
      await modal.getByLabel('Name (Chinese)').fill('课程分布');
      await modal.getByLabel('Name (English)').fill('Courses');
      await modal.getByRole('button', { name: 'Create' }).click();
      await page.getByRole('tab', { name: 'Design' }).waitFor();
      const addWidget = page.getByRole('button', { name: 'Add a widget' });
      await pickFromMenu(page, addWidget, 'Breakdown by a field');
      const card = page.locator('.ant-card-small', { hasText: 'Breakdown' }).last();
      await card.getByLabel('Title (Chinese)').fill('意向课程分布');
      await card.getByLabel('Title (English)').fill('Leads by course');
      await choose(page, card.getByLabel('Field', { exact: true }), 'Course of interest', {
        search: true,
      });
      await draftSaved(page);
      // A rate: the kind starts as won leads over all leads, so it counts at once.
      await pickFromMenu(page, addWidget, 'Rate (one count over another)');
      const rateCard = page.locator('.ant-card-small', { hasText: 'Conversion rate' }).last();
      await rateCard.getByLabel('Title (English)').fill('Enrolment rate');
      await draftSaved(page);
      type Dashboards = {
        dashboards: { key: string; label: { en: string }; widgets: Record<string, unknown>[] }[];
      };
      const dashboard = (await draftSpec<Dashboards>(page))!.dashboards.find(
        (d) => d.label.en === 'Courses',
      )!;
      dashboardKey = dashboard.key;
      expect(dashboard.widgets.map((w) => w['type'])).toEqual(['funnel', 'breakdown', 'ratio']);
      expect(dashboard.widgets[2]).toMatchObject({
        numerator: { '==': [{ var: 'stage' }, 'won'] },
        title: { en: 'Enrolment rate' },
      });
      expect(dashboard.widgets[1]).toMatchObject({
        field: 'course',
        title: { 'zh-CN': '意向课程分布', en: 'Leads by course' },
      });

      // The preview counts today's published data, and says who will read it.
      const preview = page
        .locator('.ant-card-small', { hasText: 'Leads by course' })
        .getByTestId('widget-preview');
      await preview.getByRole('button', { name: 'Preview with live data' }).click();
      await preview.locator('canvas, .ant-table').first().waitFor();
      await preview.getByText(/No role opens this dashboard yet|Opened by/).waitFor();
      await shot(page, 'builder-dashboard-preview-en-desktop');

      await publishDraft(page, 'en');

      // The published dashboard draws both widgets, at desktop and phone width.
      await page.goto(`${server.url}/dashboards/${dashboard.key}`);
      const widget = page.locator(
        `.trellis-widget[data-widget="${String(dashboard.widgets[1]!['key'])}"]`,
      );
      await widget.getByText('Leads by course').waitFor();
      await widget.locator('canvas, .ant-table, .ant-empty').first().waitFor();
      // The rate's tile: both counts open their records, as many as they say.
      const rate = page.locator(
        `.trellis-widget[data-widget="${String(dashboard.widgets[2]!['key'])}"]`,
      );
      const below = rate.locator('.trellis-kpi-sides a[data-side="denominator"]');
      await below.waitFor();
      await shot(page, 'builder-dashboard-published-en-desktop');
      const count = Number(((await below.textContent()) ?? '').replace(/\D/g, ''));
      await below.click();
      await page.waitForURL(/\/records\/lead\?.*filter=/);
      const total = page.getByText(/^\d+ records?$/);
      await total.waitFor();
      expect(Number(/\d+/.exec((await total.textContent()) ?? '')![0])).toBe(count);
      await page.goBack();
      await widget.locator('canvas, .ant-table, .ant-empty').first().waitFor();
      await page.setViewportSize(PHONE);
      await widget.locator('canvas, .ant-table, .ant-empty').first().waitFor();
      await shot(page, 'builder-dashboard-published-en-phone');
      expect(page.pageErrors).toEqual([]);
    });
  }, 300_000);

  it('shows the published dashboard in its editor in zh-CN, at desktop and phone width', async () => {
    expect(dashboardKey).not.toBe('');
    await inBuilderBrowser('builder-dashboard-zh-CN', { locale: 'zh-CN' }, async (page) => {
      await signInAs(page, server, 'admin');
      await page.goto(`${server.url}/builder/dashboards/${dashboardKey}`);
      const card = page.locator('.ant-card-small', { hasText: '意向课程分布' });
      expect(await card.getByLabel('标题 (中文)').inputValue()).toBe('意向课程分布');
      await card
        .getByLabel('字段', { exact: true })
        .locator('xpath=ancestor::*[contains(concat(" ", @class, " "), " ant-select ")][1]')
        .getByText('意向课程')
        .waitFor();
      await shot(page, 'builder-dashboard-editor-zh-CN-desktop');
      await page.setViewportSize(PHONE);
      // On a phone the widgets are folded to their names: the person unfolds the one to edit.
      await card.getByRole('button', { name: '意向课程分布', expanded: false }).click();
      await card.getByLabel('标题 (中文)').waitFor();
      await shot(page, 'builder-dashboard-editor-zh-CN-phone');
      expect(page.pageErrors).toEqual([]);
    });
  }, 180_000);
});
