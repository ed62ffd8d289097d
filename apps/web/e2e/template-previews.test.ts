import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { newPage, openBrowser, PHONE, shot, signIn } from './harness/browser';
import { settledPointOfColor } from './harness/chart';
import { startTrellis, WEB_DIR, type RunningTrellis } from './harness/trellis';

// The screenshots each template's manifest bundles for the gallery (`previews`), taken from the
// real app with the template's demo data. They are written to e2e/artifacts; with
// TRELLIS_WRITE_PREVIEWS=1 also into templates/<name>/previews, the files the manifest names.
const TEMPLATES = join(WEB_DIR, '..', '..', 'templates');
const ARTIFACTS = join(WEB_DIR, 'e2e', 'artifacts');
const VIEWPORT = { width: 1280, height: 720 }; // the gallery's 16:9 cards
let server: RunningTrellis | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

function manifestPreviews(name: string): string[] {
  const m = JSON.parse(readFileSync(join(TEMPLATES, name, 'template.json'), 'utf8')) as {
    previews?: string[];
  };
  return m.previews ?? [];
}

/**
 * Opens `path`, waits for `ready` and takes the viewport. A preview (`file` under previews/) is
 * also copied into the template with TRELLIS_WRITE_PREVIEWS=1; any other name stays an artifact
 * (pages of the template to look at, in another language or not in the gallery).
 */
async function capture(page: Page, name: string, file: string, path: string, ready: string) {
  await page.goto(`${server!.url}${path}`);
  await page
    .locator(ready)
    .first()
    .waitFor({ timeout: 60_000 })
    .catch(async (e: unknown) => {
      await page.screenshot({ path: join(ARTIFACTS, `preview-failed-${name}.png`) });
      throw e;
    });
  await page.waitForLoadState('networkidle');
  // The viewport only: a card shows the top of the page, not a full-page strip.
  mkdirSync(ARTIFACTS, { recursive: true });
  const taken = join(ARTIFACTS, `preview-${name}-${file.replace(/\W+/g, '-')}.png`);
  await page.screenshot({ path: taken });
  if (process.env.TRELLIS_WRITE_PREVIEWS === '1' && file.startsWith('previews/')) {
    mkdirSync(join(TEMPLATES, name, 'previews'), { recursive: true });
    copyFileSync(taken, join(TEMPLATES, name, file));
  }
  expect(page.pageErrors).toEqual([]);
}

/** The risk lights' option colours and zh-CN labels (templates/b2b-sales riskLevel). */
const RISK = [
  ['#f5222d', '高风险'],
  ['#faad14', '需关注'],
  ['#52c41a', '健康'],
] as const;

/** The b2b pipeline-health dashboard with its risk donut drawn, as an artifact to look at. */
async function captureOn(page: Page, name: string) {
  await capture(
    page,
    'b2b-sales',
    name,
    '/dashboards/pipeline-health',
    '[data-widget="risk"] canvas',
  );
  await shot(page, `b2b-sales-${name}-full`);
}

describe('template previews', () => {
  it('education: the rep board, the lead list and the funnel dashboard (zh-CN)', async () => {
    expect(manifestPreviews('education')).toEqual([
      'previews/board.png',
      'previews/leads.png',
      'previews/dashboard.png',
    ]);
    server = await startTrellis();
    const browser = await openBrowser('zh-CN');
    try {
      const page = await newPage(browser, VIEWPORT);
      const manager = server.login('manager');
      await signIn(page, server.url, manager.login, manager.password);
      await capture(page, 'education', 'previews/board.png', '/board/team-board', '[data-record]');
      await capture(
        page,
        'education',
        'previews/leads.png',
        '/records/lead?view=all-leads',
        '.trellis-table-row',
      );
      await capture(
        page,
        'education',
        'previews/dashboard.png',
        '/dashboards/sales-funnel',
        '[data-widget] canvas',
      );
    } finally {
      await browser.closeAll();
    }
  }, 300_000);

  it('b2b-sales: the deal board with risk lights, the customer list and data health (zh-CN)', async () => {
    expect(manifestPreviews('b2b-sales')).toEqual([
      'previews/deal-board.png',
      'previews/customers.png',
      'previews/data-health.png',
    ]);
    const vp = { login: 'preview.vp', password: 'Preview-Shots-2026!' };
    server = await startTrellis({
      demo: false,
      prepare: [
        ['template', 'install', 'b2b-sales', '--choose-all', 'theirs'],
        ['seed', '--template', 'b2b-sales', '--records', '400', '--seed', '2'],
        ['users', 'add', '--login', vp.login, '--password', vp.password, '--role', 'sales-vp'],
      ],
    });
    const browser = await openBrowser('zh-CN');
    try {
      const page = await newPage(browser, VIEWPORT);
      await signIn(page, server.url, vp.login, vp.password);
      await capture(
        page,
        'b2b-sales',
        'previews/deal-board.png',
        '/board/deal-board',
        '[data-record]',
      );
      // A deal's customer reads as the company (it showed the customer's id), the risk as its
      // option's label with its colour.
      const customers = page.locator('[data-record] [data-field="customer"]');
      await customers.filter({ hasText: '公司' }).first().waitFor();
      const names = await customers.allTextContents();
      expect(names.length).toBeGreaterThan(0);
      for (const n of names) expect(n).not.toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-/);
      const risks = page.locator('[data-record] [data-field="riskLevel"]');
      expect(new Set(await risks.allTextContents())).toEqual(new Set(['高风险', '需关注', '健康']));
      const dots = await risks
        .locator('.trellis-card-dot')
        .evaluateAll((els) => els.map((e) => getComputedStyle(e).backgroundColor));
      expect(new Set(dots)).toEqual(
        new Set(['rgb(245, 34, 45)', 'rgb(250, 173, 20)', 'rgb(82, 196, 26)']),
      );
      await capture(
        page,
        'b2b-sales',
        'previews/customers.png',
        '/records/customer',
        '.trellis-table-row',
      );
      await capture(
        page,
        'b2b-sales',
        'previews/data-health.png',
        '/dashboards/customer-health',
        '[data-widget] canvas',
      );
      // Not a preview: the conversion rate by first-contact channel, a rate per channel.
      await capture(
        page,
        'b2b-sales',
        'pipeline-health-zh-CN',
        '/dashboards/pipeline-health',
        '[data-widget="winRateByChannel"] .ant-table-row',
      );
      const rates = page.locator('[data-widget="winRateByChannel"]');
      await expect.poll(() => rates.textContent()).toContain('400 电话');
      expect(await rates.textContent()).toMatch(/\d+(\.\d+)?%/);
      // The two counts are headed by what they count (they read 分子 / 分母).
      expect(await rates.locator('th').allTextContents()).toEqual(
        expect.arrayContaining(['赢单商机', '全部商机']),
      );
      await rates.screenshot({ path: join(ARTIFACTS, 'preview-b2b-sales-win-rate-zh-CN.png') });
      await shot(page, 'b2b-sales-pipeline-health-zh-CN-full');
      // The risk donut is red / yellow / green like the risk lights: the slice drawn in an
      // option's colour is that option's, as clicking it shows (it lists that option's deals).
      const donut = page.locator('[data-widget="risk"] canvas').first();
      // Only the levels some open deal has: the seed's open deals are drawn against today's date,
      // and on some days none has been idle the 30 days red needs (the lost and won ones are red
      // on the board, but the donut counts open deals).
      const slices = await page.evaluate(
        async () =>
          (
            (await (await fetch('/api/v1/dashboards/pipeline-health/widgets/risk')).json()) as {
              rows: { label: string; values: { value: { value: number } } }[];
            }
          ).rows,
      );
      const drawn = RISK.filter(([, label]) =>
        slices.some((row) => row.label === label && row.values.value.value > 0),
      );
      expect(drawn.length).toBeGreaterThanOrEqual(2);
      for (const [color, label] of drawn) {
        // The pointer off the chart: a slice under it is drawn highlighted.
        await page.mouse.move(0, 0);
        await donut.click({ position: await settledPointOfColor(donut, color) });
        await page.waitForURL(/\/records\/deal\?/);
        expect(new URL(page.url()).searchParams.get('from')).toBe(`风险红黄绿 · ${label}`);
        await page.goBack();
      }
      const phone = await newPage(browser, PHONE);
      await signIn(phone, server.url, vp.login, vp.password);
      await captureOn(phone, 'pipeline-health-zh-CN-phone');
    } finally {
      await browser.closeAll();
    }
    // The same pages in English, to look at (artifacts only).
    const en = await openBrowser('en');
    try {
      const page = await newPage(en, VIEWPORT);
      await signIn(page, server.url, vp.login, vp.password);
      await capture(page, 'b2b-sales', 'deal-board-en', '/board/deal-board', '[data-record]');
      await capture(page, 'b2b-sales', 'customers-en', '/records/customer', '.trellis-table-row');
      await capture(
        page,
        'b2b-sales',
        'pipeline-health-en',
        '/dashboards/pipeline-health',
        '[data-widget="winRateByChannel"] .ant-table-row',
      );
      const rates = page.locator('[data-widget="winRateByChannel"]');
      await expect.poll(() => rates.textContent()).toContain('400 hotline');
      expect(await rates.locator('th').allTextContents()).toEqual(
        expect.arrayContaining(['Deals won', 'All deals']),
      );
      await rates.screenshot({ path: join(ARTIFACTS, 'preview-b2b-sales-win-rate-en.png') });
      await shot(page, 'b2b-sales-pipeline-health-en-full');
      const phone = await newPage(en, PHONE);
      await signIn(phone, server.url, vp.login, vp.password);
      await captureOn(phone, 'pipeline-health-en-phone');
    } finally {
      await en.closeAll();
    }
  }, 300_000);
});
