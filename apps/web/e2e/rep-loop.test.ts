import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { newPage, openBrowser, shot, signIn } from './harness/browser';
import { demoServer } from './harness/server';

const server = demoServer();

/** Creates a lead as the signed-in user through the API, from the page (same origin). */
async function createLead(page: Page, name: string): Promise<string> {
  const phone = `139${String(Date.now()).slice(-8)}`;
  const created = await page.evaluate(
    async ([leadName, leadPhone]) => {
      const res = await fetch('/api/v1/records/lead', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: leadName, phone: leadPhone }),
      });
      return { status: res.status, body: (await res.json()) as { id: string } };
    },
    [name, phone] as const,
  );
  expect(created, JSON.stringify(created.body)).toMatchObject({ status: 201 });
  return created.body.id;
}

describe("a sales rep's daily loop", () => {
  it('zh-CN: workbench, list, a refused stage move, a follow-up on the timeline; another team gets not found', async () => {
    const browser = await openBrowser('zh-CN');
    const closers: (() => Promise<void>)[] = [];
    try {
      const page = await newPage(browser);
      const rep = server.login('sales');
      await signIn(page, server.url, rep.login, rep.password);
      await page.getByRole('heading', { name: /^你好，/ }).waitFor();
      await page.getByText('我的线索').first().waitFor();
      await shot(page, 'workbench-zh-CN-desktop');

      await page.goto(`${server.url}/records/lead`);
      await page.getByRole('row').nth(2).waitFor();
      await shot(page, 'list-zh-CN-desktop');

      const name = `测试线索${Date.now() % 100000}`;
      const id = await createLead(page, name);
      await page.goto(`${server.url}/records/lead/${id}`);
      await page.getByRole('heading', { name }).waitFor();
      // The next stage says what it needs; moving there without it is refused with the reasons.
      await page
        .getByText(/需填写：/)
        .first()
        .waitFor();
      await page
        .getByRole('button', { name: /需求确认/ })
        .first()
        .click();
      const dialog = page.getByRole('dialog');
      await dialog.getByText(/暂不能进入/).waitFor();
      expect(await dialog.textContent()).toMatch(/意向课程|课程/);
      await shot(page, 'stage-refused-zh-CN-desktop');
      await dialog.getByRole('button', { name: '关闭' }).click();

      // A follow-up in two clicks: a quick reply, then log.
      const quick = page.locator('.trellis-quick-replies .ant-tag').first();
      const replyName = (await quick.textContent())!.trim();
      await quick.click();
      const note = await page.getByLabel('内容').inputValue();
      expect(note.length).toBeGreaterThan(0);
      await page.getByRole('button', { name: '记录跟进' }).click();
      await page
        .locator('.ant-timeline')
        .getByText(note.slice(0, 10), { exact: false })
        .first()
        .waitFor();
      expect(replyName.length).toBeGreaterThan(0);
      await shot(page, 'record-zh-CN-desktop');
      expect(page.pageErrors).toEqual([]);

      // A rep of another team opening the same URL sees a localized not-found page, no data.
      const other = server.login('sales', 3);
      const second = await openBrowser('zh-CN');
      closers.push(() => second.closeAll());
      const otherPage = await newPage(second);
      await signIn(otherPage, server.url, other.login, other.password);
      await otherPage.goto(`${server.url}/records/lead/${id}`);
      await otherPage.getByText('找不到这个页面').waitFor();
      expect(await otherPage.content()).not.toContain(name);
      await shot(otherPage, 'not-found-zh-CN-desktop');
    } finally {
      for (const close of closers) await close();
      await browser.closeAll();
    }
  }, 240_000);
});
