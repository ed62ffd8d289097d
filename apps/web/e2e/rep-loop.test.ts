import { describe, expect, it } from 'vitest';
import { pickFirst } from './harness/antd';
import { newPage, openBrowser, shot, signIn } from './harness/browser';
import { demoServer } from './harness/server';

const server = demoServer();

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

      // Create a lead through the form: refused empty with the reasons at the fields, then saved.
      await page.getByRole('link', { name: /新\s?建/ }).click();
      await page.waitForURL(/\/records\/lead\/new$/);
      const form = page.getByRole('form', { name: '新建线索' });
      await form.getByRole('button', { name: /新\s?建/ }).click();
      await form.locator('[aria-invalid="true"]').first().waitFor();
      expect(await form.textContent()).toMatch(/“姓名”为必填项/);
      await shot(page, 'create-errors-zh-CN-desktop');
      const name = `测试线索${Date.now() % 100000}`;
      await form.getByLabel('姓名', { exact: true }).fill(name);
      await form
        .getByLabel('手机号', { exact: true })
        .fill(`139 ${String(Date.now()).slice(-8, -4)} ${String(Date.now()).slice(-4)}`);
      await form.getByRole('button', { name: /新\s?建/ }).click();
      await page.waitForURL((url) => /\/records\/lead\/(?!new$)[^/]+$/.test(url.pathname));
      const id = new URL(page.url()).pathname.split('/').pop()!;
      expect(id).not.toBe('new');
      await page.getByRole('heading', { name, exact: true }).waitFor();
      // The next stage says what it needs; moving there without it opens those fields.
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
      const stageForm = dialog.getByRole('form');
      await stageForm.getByLabel('意向课程', { exact: true }).waitFor();
      await shot(page, 'stage-refused-zh-CN-desktop');
      for (const field of ['意向课程', '预算范围', '决策周期'])
        await pickFirst(page, stageForm, field, dialog.getByText(/暂不能进入/));
      await stageForm.getByRole('button', { name: /保存并进入/ }).click();
      await dialog.waitFor({ state: 'hidden' });
      await page
        .locator(
          '.trellis-stagebar .ant-steps-item-process, .trellis-stagebar .ant-steps-item-active',
        )
        .getByText('需求确认')
        .waitFor();

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
