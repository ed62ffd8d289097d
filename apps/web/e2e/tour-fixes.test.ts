import { describe, expect, it } from 'vitest';
import { apiSession } from './harness/api-session';
import { newPage, openBrowser, shot, signIn, PHONE } from './harness/browser';
import { demoServer } from './harness/server';

const server = demoServer();

// What the session 23/24 screenshot tours showed wrong, each pinned by what a person would see.
describe('pages as the screenshot tour found them', () => {
  it('zh-CN phone: the pool is named as in the menu and each record shows its details, not only its name', async () => {
    const browser = await openBrowser('zh-CN');
    try {
      const page = await newPage(browser, PHONE);
      const rep = server.login('sales');
      await signIn(page, server.url, rep.login, rep.password);
      await page.goto(`${server.url}/pool/lead`);
      await page.getByRole('heading', { name: '线索公海' }).waitFor();
      const rows = page.locator('.ant-table-tbody tr.ant-table-row');
      await rows.first().waitFor();
      // Under each name: the pool's other fields (source, course, city), one line.
      const details = await rows.locator('.trellis-card-meta').allInnerTexts();
      expect(details).toHaveLength(await rows.count());
      expect(details.every((d) => d.includes(' · '))).toBe(true);
      // The table fits the phone: nothing to scroll sideways.
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);
      await shot(page, 'pool-zh-CN-phone', { fullPage: false });
      expect(page.pageErrors).toEqual([]);
    } finally {
      await browser.closeAll();
    }
  }, 120_000);

  it('en desktop: list headers read whole, an admin in no team is told why the team board is empty, a long e-mail breaks at its punctuation', async () => {
    const admin = server.login('admin');
    const api = await apiSession(server, admin.login);
    const email = 'wangxiaoming.parent2019@enterprise-education.com.cn';
    const lead = await api<{ id: string }>('POST', '/api/v1/records/lead', {
      name: '长邮箱测试',
      phone: `+86137${String(Date.now() % 100_000_000).padStart(8, '0')}`,
      source: 'website',
      email,
    });
    const browser = await openBrowser('en');
    try {
      const page = await newPage(browser);
      await signIn(page, server.url, admin.login, admin.password);
      await page.goto(`${server.url}/records/lead`);
      const headers = page.locator('button.trellis-sort > span');
      await page.getByRole('row').nth(2).waitFor();
      // "Source channel" read "Source cha…" in its 120 px column.
      const cut = await headers.evaluateAll((spans) =>
        spans
          .filter((s) => s.scrollWidth > s.clientWidth + 1 || s.scrollHeight > s.clientHeight + 1)
          .map((s) => s.textContent),
      );
      expect(await headers.count()).toBeGreaterThan(5);
      expect(cut).toEqual([]);
      await shot(page, 'list-headers-en-desktop', { fullPage: false });

      await page.goto(`${server.url}/board/team-board`);
      await page.getByText('You are in no team', { exact: false }).waitFor();
      await shot(page, 'board-no-team-en-desktop', { fullPage: false });

      await page.goto(`${server.url}/records/lead/${lead.id}`);
      const value = page.locator('.trellis-record-field > dd', { hasText: 'enterprise' });
      await value.waitFor();
      // Where each line of the value ends: after @ _ - / or before a dot, never inside a word.
      const breaks = await value.evaluate((dd) => {
        const walk = document.createTreeWalker(dd, NodeFilter.SHOW_TEXT);
        const chars: { ch: string; top: number }[] = [];
        for (let n = walk.nextNode(); n; n = walk.nextNode())
          for (let i = 0; i < (n.textContent ?? '').length; i++) {
            const r = document.createRange();
            r.setStart(n, i);
            r.setEnd(n, i + 1);
            chars.push({ ch: n.textContent![i]!, top: Math.round(r.getBoundingClientRect().top) });
          }
        return chars.flatMap((c, i) =>
          i > 0 && c.top > chars[i - 1]!.top ? [`${chars[i - 1]!.ch}|${c.ch}`] : [],
        );
      });
      expect(breaks.length).toBeGreaterThan(0);
      for (const b of breaks) expect(b, b).toMatch(/^[@_/-]\||\|\.$/);
      await shot(page, 'record-long-email-en-desktop', { fullPage: false });
      expect(page.pageErrors).toEqual([]);
    } finally {
      await browser.closeAll();
    }
  }, 120_000);

  it("zh-CN phone: a manager's empty 'a rep leaves' form says under each field what is missing, and asks nothing", async () => {
    const browser = await openBrowser('zh-CN');
    try {
      const page = await newPage(browser, PHONE);
      const manager = server.login('manager');
      await signIn(page, server.url, manager.login, manager.password);
      await page.goto(`${server.url}/handovers/leave`);
      const form = page.getByRole('form', { name: '销售离职交接' });
      await form.waitFor();
      const asked: string[] = [];
      page.on('request', (r) => {
        if (r.url().includes('/leave')) asked.push(r.url());
      });
      await form.getByRole('button', { name: '预览分配方案' }).click();
      // Both required fields marked under them: before, only the takers were (the server's
      // answer to a request sent for a leaving rep "-"), and who leaves stayed unmarked.
      const under = (label: string) =>
        form
          .locator('.ant-form-item', { has: page.locator('label', { hasText: label }) })
          .locator('.ant-form-item-explain-error');
      await expect.poll(() => under('离职人员').allInnerTexts()).toEqual(['请选择离职人员']);
      await expect.poll(() => under('接手人员').allInnerTexts()).toEqual(['请至少选择一位接手人']);
      expect(asked).toEqual([]);
      // The messages slide in: the picture after their motion.
      await page.waitForFunction(() => document.getAnimations().length === 0);
      await shot(page, 'leave-empty-zh-CN-phone', { fullPage: false });
      expect(page.pageErrors).toEqual([]);
    } finally {
      await browser.closeAll();
    }
  }, 120_000);
});
