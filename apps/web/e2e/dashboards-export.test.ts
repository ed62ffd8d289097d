import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import type { WidgetReport } from '../src/features/dashboards/api/dashboards';
import { newPage, openBrowser, PHONE, shot, signIn } from './harness/browser';
import { downloadedBytes } from './harness/download';
import { demoServer } from './harness/server';

const server = demoServer();

/** Opens a dashboard and returns the widgets its page was answered with, once all have drawn. */
async function openDashboard(page: Page, key: string): Promise<Map<string, WidgetReport>> {
  const answer = page.waitForResponse(
    (r) => new URL(r.url()).pathname === `/api/v1/dashboards/${key}` && r.ok(),
  );
  await page.goto(`${server.url}/dashboards/${key}`);
  const body = (await (await answer).json()) as { widgets: WidgetReport[] };
  for (const w of body.widgets)
    await page
      .locator(`.trellis-widget[data-widget="${w.key}"]`)
      .locator('canvas, .ant-table, .trellis-report-cards, .trellis-kpi, .ant-empty')
      .first()
      .waitFor();
  return new Map(body.widgets.map((w) => [w.key, w]));
}

/** Picks an item of a widget's export menu and returns the downloaded file's bytes. */
async function exportWidget(page: Page, card: Locator, item: string): Promise<Buffer> {
  // The menu of an earlier export stays in the page, hidden once it has faded out. Until then it
  // is the visible one and holds the same items: wait for it to go before opening this card's.
  await page.locator('.ant-dropdown:visible').waitFor({ state: 'detached' });
  await card.getByRole('button', { name: /^(导出|Export)$/ }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('.ant-dropdown:visible').getByRole('menuitem', { name: item }).click(),
  ]);
  return downloadedBytes(download);
}

/** Width and height of a PNG (its IHDR chunk), after checking the signature. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect([...png.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
  expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** Share of a PNG's pixels that are not white, decoded by the browser (a drawn chart has some). */
async function inkShare(page: Page, png: Buffer): Promise<number> {
  return page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = img.naturalWidth;
    canvas.height = img.naturalHeight;
    const g = canvas.getContext('2d')!;
    g.drawImage(img, 0, 0);
    const { data } = g.getImageData(0, 0, canvas.width, canvas.height);
    let ink = 0;
    for (let i = 0; i < data.length; i += 4)
      if (data[i]! < 240 || data[i + 1]! < 240 || data[i + 2]! < 240) ink++;
    return ink / (data.length / 4);
  }, png.toString('base64'));
}

/** A widget number as the sheet should hold it: money in yuan, everything else exact. */
const sheetValue = (v: number | null, unit: string) =>
  v === null ? null : unit === 'money' ? v / 100 : v;

/** The sheet's rows as [label, ...numbers] against the widget's rows and columns. */
async function expectSheetMatches(xlsx: Buffer, w: WidgetReport, firstColumn: string) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(xlsx as unknown as ArrayBuffer);
  const sheet = book.worksheets[0]!;
  const rows: unknown[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    rows.push(((row.values as unknown[]) ?? []).slice(1));
  });
  // A column with its own days (before/after) names them after its label.
  const heading = (c: WidgetReport['columns'][number]) =>
    c.period ? `${c.label} ${c.period.from}–${c.period.to}` : c.label;
  expect(rows[0]).toEqual([firstColumn, ...w.columns.map(heading)]);
  expect(rows.length - 1).toBe(w.rows.length);
  w.rows.forEach((r, i) => {
    const got = rows[i + 1]!;
    expect(got[0], `row ${i}`).toBe(r.label || w.title);
    w.columns.forEach((c, j) => {
      const want = sheetValue(
        r.values[c.key]?.value ?? null,
        c.unit === 'number' ? (r.unit ?? c.unit) : c.unit,
      );
      const cell = got[j + 1];
      if (want === null) expect(cell ?? null, `${r.key}/${c.key}`).toBeNull();
      else expect(cell as number, `${r.key}/${c.key}`).toBeCloseTo(want, 9);
    });
  });
  return rows;
}

/** The number of records a list says it holds ("共 12 条" / "12 records"). */
async function listTotal(page: Page): Promise<number> {
  const text = page.getByText(/^(共 \d+ 条|\d+ records?)$/);
  await text.waitFor();
  return Number(/\d+/.exec((await text.textContent()) ?? '')![0]);
}

describe('dashboard widgets: stale follow-ups, export to Excel and PNG', () => {
  it('zh-CN desktop: stale follow-ups per rep open their leads; the sheet holds the widget’s numbers; the PNG is the chart at twice its size', async () => {
    const browser = await openBrowser('zh-CN');
    try {
      const page = await newPage(browser);
      const manager = server.login('manager');
      await signIn(page, server.url, manager.login, manager.password);
      const widgets = await openDashboard(page, 'team-performance');
      const stale = widgets.get('staleFollowUps')!;
      const card = page.locator('.trellis-widget[data-widget="staleFollowUps"]');
      await card.scrollIntoViewIfNeeded();
      await shot(page, 'dashboard-stale-zh-CN-desktop');
      await shot(page, 'dashboard-stale-card-zh-CN-desktop', { fullPage: false });

      // One row per rep with stale leads plus the total, each count opening exactly its leads.
      const reps = stale.rows.filter((r) => r.key !== '$total');
      expect(reps.length).toBeGreaterThan(0);
      const staleCol = stale.columns.findIndex((c) => c.key === 'stale');
      expect(staleCol).toBeGreaterThanOrEqual(0);
      const top = reps[0]!;
      expect(top.values.stale!.value).toBeGreaterThan(0);
      const row = card.locator('tr', { hasText: top.label });
      const link = row
        .locator('td')
        .nth(staleCol + 1)
        .locator('a');
      expect(Number((await link.textContent())!.replace(/\D/g, ''))).toBe(top.values.stale!.value);
      await link.click();
      await page.waitForURL(/\/records\/lead\?.*filter=/);
      expect(await listTotal(page)).toBe(top.values.stale!.value);
      // Excel: the header, then each row's label and numbers as the widget answered the page
      // (answered again: the waits are counted from now).
      const again = await openDashboard(page, 'team-performance');
      const xlsx = await exportWidget(page, card, '导出 Excel');
      await expectSheetMatches(xlsx, again.get('staleFollowUps')!, '负责人');

      // PNG: the chart's canvas at pixel ratio 2, with a drawn chart on white.
      const canvas = card.locator('canvas').first();
      const box = (await canvas.boundingBox())!;
      const png = await exportWidget(page, card, '保存为图片');
      const size = pngSize(png);
      expect(size.width).toBe(Math.round(box.width) * 2);
      expect(size.height).toBe(Math.round(box.height) * 2);
      expect(await inkShare(page, png)).toBeGreaterThan(0.01);

      // A breakdown's sheet too (a pie: its PNG is the same canvas path).
      const byCourse = again.get('byCourse')!;
      const courseCard = page.locator('.trellis-widget[data-widget="byCourse"]');
      await expectSheetMatches(
        await exportWidget(page, courseCard, '导出 Excel'),
        byCourse,
        '项目',
      );
      // Before/after: its columns' days are in the sheet's heading.
      const beforeAfter = again.get('beforeAfter')!;
      expect(beforeAfter.columns[0]!.period?.from).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      await expectSheetMatches(
        await exportWidget(
          page,
          page.locator('.trellis-widget[data-widget="beforeAfter"]'),
          '导出 Excel',
        ),
        beforeAfter,
        '项目',
      );
      expect(page.pageErrors).toEqual([]);
    } finally {
      await browser.closeAll();
    }
  });

  it('en phone: the stale follow-ups widget reads at phone width', async () => {
    const browser = await openBrowser('en');
    try {
      const phone = await newPage(browser, PHONE);
      const manager = server.login('manager');
      await signIn(phone, server.url, manager.login, manager.password);
      const widgets = await openDashboard(phone, 'team-performance');
      const stale = widgets.get('staleFollowUps')!;
      const card = phone.locator('.trellis-widget[data-widget="staleFollowUps"]');
      await card.scrollIntoViewIfNeeded();
      await card.getByText(stale.columns[0]!.label).first().waitFor();
      // The card fits the screen (its rows are cards of their own there).
      const box = (await card.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
      await shot(phone, 'dashboard-stale-card-en-phone', { fullPage: false });
      await shot(phone, 'dashboard-stale-en-phone');
      expect(phone.pageErrors).toEqual([]);
    } finally {
      await browser.closeAll();
    }
  });
});
