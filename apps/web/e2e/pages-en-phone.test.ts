import { describe, expect, it } from 'vitest';
import { dragCard } from './harness/drag';
import { newPage, openBrowser, shot, signIn, DESKTOP, PHONE } from './harness/browser';
import { apiSession } from './harness/api-session';
import { demoServer } from './harness/server';

const server = demoServer();

describe('the same pages in English and at phone width', () => {
  it('en desktop: a manager sees counts by stage and an overdue task; the board refuses a drag it cannot allow', async () => {
    const browser = await openBrowser('en');
    try {
      const page = await newPage(browser);
      const manager = server.login('manager');
      await signIn(page, server.url, manager.login, manager.password);
      await page.getByRole('heading', { name: /^Hello, / }).waitFor();
      // The all-leads panel carries the team's counts per stage.
      await page
        .getByText(/^Prospect \d+$/)
        .first()
        .waitFor();
      await shot(page, 'workbench-en-desktop');

      // An overdue task of the manager's heads the inbox, said to be overdue; one due later follows.
      const api = await apiSession(server, manager.login);
      const stamp = Date.now() % 100000;
      const late = `Call the Wuhan campus back ${stamp}`;
      const later = `Review next week's plan ${stamp}`;
      await api('POST', '/api/v1/tasks', { title: later, dueAt: Date.now() + 86_400_000 });
      await api('POST', '/api/v1/tasks', { title: late, dueAt: Date.now() - 3_600_000 });
      await page.goto(`${server.url}/inbox`);
      const tasks = page.locator('.ant-card', { hasText: 'My tasks' }).locator('.ant-list-item');
      await tasks.filter({ hasText: late }).waitFor();
      const texts = await tasks.allInnerTexts();
      const at = (title: string) => texts.findIndex((t) => t.includes(title));
      expect(at(late)).toBeLessThan(at(later));
      expect(texts[at(late)]).toContain('Overdue');
      expect(texts[at(later)]).not.toContain('Overdue');
      await shot(page, 'inbox-overdue-en-desktop');

      const rep = server.login('sales');
      const repBrowser = await openBrowser('en');
      try {
        const repPage = await newPage(repBrowser);
        await signIn(repPage, server.url, rep.login, rep.password);
        await repPage.goto(`${server.url}/records/lead`);
        await repPage.getByRole('row').nth(2).waitFor();
        await shot(repPage, 'list-en-desktop');
        const listTitle = await repPage.getByRole('heading', { name: 'Leads' }).boundingBox();
        await repPage.goto(`${server.url}/inbox`);
        const inboxTitle = repPage.getByRole('heading', { name: 'Inbox' });
        await inboxTitle.waitFor();
        // Every page's title sits on the same line under the header (the inbox's was 24 px lower).
        expect((await inboxTitle.boundingBox())!.y).toBeCloseTo(listTitle!.y, 0);
        await shot(repPage, 'inbox-en-desktop');
      } finally {
        await repBrowser.closeAll();
      }

      const supervisor = server.login('supervisor');
      await page.context().clearCookies();
      await signIn(page, server.url, supervisor.login, supervisor.password);
      await page.goto(`${server.url}/board/team-board`);
      const prospect = page.getByRole('region', { name: 'Prospect' });
      const card = prospect.locator('.trellis-board-card').first();
      await card.waitFor();
      await shot(page, 'board-en-desktop');
      const name = (await card.innerText()).split('\n')[0]!.trim();
      const countBefore = await prospect.locator('.trellis-board-card').count();
      const target = page.getByRole('region', { name: 'Needs confirmed' });
      await dragCard(page, card, target);
      const dialog = page.getByRole('dialog');
      await dialog.getByText(/Cannot move to “Needs confirmed”/).waitFor();
      // The dialog asks for what the stage requires (the record's form, for that stage).
      await dialog.getByRole('form').getByLabel('Budget range', { exact: true }).waitFor();
      await shot(page, 'board-refused-en-desktop');
      // Closed without filling it in: the card is where it was, the counts as they were.
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'hidden' });
      await prospect.locator('.trellis-board-card', { hasText: name }).first().waitFor();
      expect(await target.locator('.trellis-board-card', { hasText: name }).count()).toBe(0);
      expect(await prospect.locator('.trellis-board-card').count()).toBe(countBefore);
      // The prospect's page: the next stage lists what it needs as English lists ("A, B, C"),
      // not with the Chinese enumeration comma it was joined with in both languages.
      await prospect
        .locator('.trellis-board-card', { hasText: name })
        .first()
        .getByRole('link')
        .click();
      const needs = page.locator('.trellis-stage-requires').first();
      await needs.waitFor();
      expect(await needs.innerText()).toMatch(/^Needs: [^、]+, [^、]+$/);
      // The header's buttons stand apart ("Hand over" and "Release to the pool" touched), and
      // no field label is cut inside a word ("Profile completenes / s").
      const actions = page.locator('.trellis-record-actions .ant-btn');
      await actions.nth(1).waitFor();
      const [first, second] = [
        await actions.nth(0).boundingBox(),
        await actions.nth(1).boundingBox(),
      ];
      expect(second!.x - (first!.x + first!.width)).toBeGreaterThanOrEqual(6);
      // At a small laptop's width the label column is narrowest (two columns from 992 px).
      await page.setViewportSize({ width: 1100, height: 860 });
      const cut = await page.evaluate(() => {
        const out: string[] = [];
        for (const dt of document.querySelectorAll('.trellis-record-field > dt')) {
          const walk = document.createTreeWalker(dt, NodeFilter.SHOW_TEXT);
          for (let n = walk.nextNode(); n; n = walk.nextNode())
            for (const m of (n.textContent ?? '').matchAll(/[^\s-]+/g)) {
              const r = document.createRange();
              r.setStart(n, m.index);
              r.setEnd(n, m.index + m[0].length);
              if (new Set([...r.getClientRects()].map((x) => Math.round(x.top))).size > 1)
                out.push(m[0]);
            }
        }
        return out;
      });
      expect(await page.locator('.trellis-record-field > dt').count()).toBeGreaterThan(10);
      expect(cut).toEqual([]);
      await page.setViewportSize(DESKTOP);
      expect(page.pageErrors).toEqual([]);
    } finally {
      await browser.closeAll();
    }
  }, 240_000);

  it('phone width: the rep finds a lead, opens it and logs a follow-up (zh-CN and en)', async () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      const browser = await openBrowser(locale);
      try {
        const page = await newPage(browser, PHONE);
        const rep = server.login('sales');
        await signIn(page, server.url, rep.login, rep.password);
        await shot(page, `workbench-${locale}-phone`);
        await page.goto(`${server.url}/records/lead`);
        const first = page.locator('.trellis-card-row').first();
        await first.waitFor();
        await shot(page, `list-${locale}-phone`);
        await first.click();
        await page.waitForURL(/\/records\/lead\/[^/]+$/);
        const log = locale === 'en' ? 'Log follow-up' : '记录跟进';
        await page.getByRole('button', { name: log }).waitFor();
        await page.locator('.trellis-quick-replies .ant-tag').first().click();
        await page.getByRole('button', { name: log }).click();
        await page.getByText(locale === 'en' ? 'Follow-up logged' : '已记录跟进').waitFor();
        await shot(page, `record-${locale}-phone`);
        expect(page.pageErrors).toEqual([]);
      } finally {
        await browser.closeAll();
      }
    }
  }, 240_000);
});
