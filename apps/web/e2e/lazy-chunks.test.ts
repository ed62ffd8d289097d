import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { newPage, openBrowser, signIn } from './harness/browser';
import { demoServer } from './harness/server';
import { WEB_DIR } from './harness/trellis';

const server = demoServer();

// The issue: the builder, the charts and the JSON editor are lazy chunks that end users' pages
// never load. bundle-budget checks they stay out of the shell's initial files; this checks what
// a browser actually asks for while a rep and a supervisor do their daily rounds — a page that
// imports one of them statically (a workbench tile drawing a chart, say) fails here, not there.
// By the chunk's name (Vite names it after its entry module) and by what is in it, so moving
// ECharts or Monaco into a chunk of another name is caught too.
const FORBIDDEN_NAME = /^(builder|dashboards|JsonEditor|LazyJsonEditor|jsonMode|\w+\.worker)-/;
const FORBIDDEN_CODE = ['_echarts_instance_', '@monaco-editor/loader'];

/** The JS files of the build the page asked for, from the moment this is called. */
function scriptsOf(page: Page): string[] {
  const files: string[] = [];
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (path.startsWith('/assets/') && path.endsWith('.js')) files.push(basename(path));
  });
  return files;
}

const heavy = (files: string[]) =>
  files.filter((file) => {
    if (FORBIDDEN_NAME.test(file)) return true;
    const code = readFileSync(join(WEB_DIR, 'dist', 'assets', file), 'utf8');
    return FORBIDDEN_CODE.some((marker) => code.includes(marker));
  });

/** Waits until the header's own lazy pieces (search, bell) are there and the page is idle. */
async function settled(page: Page) {
  await page.getByLabel('全局搜索').waitFor();
  await page.evaluate(() => new Promise((r) => requestIdleCallback(r, { timeout: 2000 })));
}

describe("end users' pages", () => {
  it("never load the builder, the charts or the JSON editor (a rep, a team's supervisor); a dashboard does", async () => {
    const browser = await openBrowser('zh-CN');
    try {
      for (const role of ['sales', 'supervisor']) {
        const user = server.login(role);
        const page = await newPage(browser);
        const files = scriptsOf(page);
        await signIn(page, server.url, user.login, user.password);
        await settled(page);
        // The list, a record from it, the team's board, the inbox, the search.
        await page.goto(`${server.url}/records/lead?view=all-leads`);
        await page.locator('.trellis-table-row a').first().click();
        await page.locator('.trellis-record-fields').waitFor();
        const title = await page.locator('.trellis-page-title h3').innerText();
        await settled(page);
        await page.goto(`${server.url}/board/team-board`);
        await page.locator('.trellis-board-card').first().waitFor();
        await page.goto(`${server.url}/inbox`);
        await settled(page);
        await page.getByLabel('全局搜索').fill(title.slice(0, 2));
        await page.locator('.trellis-search-hit').first().waitFor();
        await settled(page);
        expect(files.length, role).toBeGreaterThan(10);
        expect(heavy(files), `${role}: ${files.join(' ')}`).toEqual([]);
        expect(page.pageErrors).toEqual([]);
        // The check itself can fail: a dashboard is where the charts load.
        if (role === 'supervisor') {
          await page.goto(`${server.url}/dashboards`);
          await page.locator('canvas, svg').first().waitFor({ timeout: 30_000 });
          expect(heavy(files).some((f) => f.startsWith('dashboards-'))).toBe(true);
        }
        await page.close();
      }
    } finally {
      await browser.closeAll();
    }
  });
});
