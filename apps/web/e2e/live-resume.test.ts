import type { Page, Route } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { apiSession } from './harness/api-session';
import { DESKTOP, newPage, openBrowser, shot, signIn } from './harness/browser';
import { demoServer } from './harness/server';

const server = demoServer();

/** The app's requests in flight, the live stream left out (it stays open). */
function requestsInFlight(page: Page): () => number {
  const open = new Set<unknown>();
  const counted = (r: { url(): string }) => !new URL(r.url()).pathname.startsWith('/api/v1/events');
  page.on('request', (r) => counted(r) && open.add(r));
  page.on('requestfinished', (r) => open.delete(r));
  page.on('requestfailed', (r) => open.delete(r));
  return () => open.size;
}

describe('the live stream across a language switch', () => {
  it('a lead renamed while the stream is reopened in the new language shows its new name in the list, without a reload', async () => {
    const rep = server.login('sales', 2);
    const api = await apiSession(server, rep.login);
    const browser = await openBrowser('zh-CN');
    try {
      const page = await newPage(browser, DESKTOP);
      const inFlight = requestsInFlight(page);
      await signIn(page, server.url, rep.login, rep.password);
      await page.goto(`${server.url}/records/lead?view=my-leads`);
      await page.locator('.trellis-table-row').first().waitFor();
      // The stream the switch opens is held until the lead below is changed: the gap between
      // closing the old stream and the new one starting, made long enough to write in.
      let held: Route | undefined;
      await page.route(
        (url) => url.pathname === '/api/v1/events' && url.searchParams.get('lang') === 'en',
        (route) => {
          held = route;
        },
      );
      await page.locator('header .ant-segmented').getByText('English').click();
      await page.getByText(/^\d+ records?$/).waitFor();
      await expect.poll(() => held !== undefined).toBe(true);
      // What the switch itself reads again is done before the lead is changed.
      await expect.poll(inFlight).toBe(0);
      // The rep renames the first lead of the list from elsewhere (their phone, say).
      const id = (await page.locator('.trellis-table-row').first().getAttribute('data-id'))!;
      const lead = await api<{ version: number; name: string }>(
        'GET',
        `/api/v1/records/lead/${id}`,
      );
      const name = `${lead.name} · 改 ${Date.now() % 100000}`;
      await api('PATCH', `/api/v1/records/lead/${id}`, { name, version: lead.version });
      await held!.continue();
      // The reopened stream replays the change made in the gap, and the list reads it.
      await page.locator('.trellis-table-row a', { hasText: name }).waitFor({ timeout: 20_000 });
      // It was opened after the last event the old stream delivered.
      expect(held!.request().url()).toMatch(/[?&]after=/);
      await shot(page, 'live-resume-en-desktop', { fullPage: false });
      expect(page.pageErrors).toEqual([]);
    } finally {
      await browser.closeAll();
    }
  }, 120_000);
});
