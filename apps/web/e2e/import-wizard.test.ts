import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newPage, openBrowser, PHONE, shot, signIn } from './harness/browser';
import { demoServer } from './harness/server';

const server = demoServer();
const DATA = join(import.meta.dirname, '../../../packages/engine/test-data/import');

describe('the import wizard', () => {
  it('zh-CN: a GBK file from Excel — mapping, dry run, import with progress, failed rows to download', async () => {
    const browser = await openBrowser('zh-CN');
    try {
      const page = await newPage(browser);
      const admin = server.login('admin');
      await signIn(page, server.url, admin.login, admin.password);
      await page.goto(`${server.url}/records/lead`);
      await page.getByRole('button', { name: '导入' }).click();
      await page.getByRole('heading', { name: /^导入/ }).waitFor();
      await shot(page, 'import-upload-zh-CN-desktop');

      await page.locator('input[type=file]').setInputFiles(join(DATA, 'leads-gbk.csv'));
      // Detected as GBK: the Chinese header reads right and maps to the fields by label.
      await page.getByText('leads-gbk.csv').waitFor();
      expect(
        await page.getByRole('combobox', { name: '文件编码' }).locator('..').textContent(),
      ).toContain('GBK');
      await page.getByRole('cell', { name: '来源渠道', exact: true }).waitFor();
      expect(
        await page
          .getByLabel('“手机号”列导入到')
          .locator('xpath=ancestor::div[contains(@class,"ant-select")][1]')
          .textContent(),
      ).toContain('手机号');
      await shot(page, 'import-mapping-zh-CN-desktop');

      await page.getByRole('button', { name: '试运行' }).click();
      await page.getByText('试运行结果（未写入任何数据）').waitFor();
      await page.getByText('与第 2 行重复').waitFor();
      await page
        .getByText(/来源渠道：/)
        .first()
        .waitFor();
      await shot(page, 'import-dryrun-zh-CN-desktop');

      await page.getByRole('button', { name: '开始导入' }).click();
      await page.getByText('导入完成').waitFor({ timeout: 30_000 });
      const link = page.getByRole('link', { name: /下载失败的行/ });
      expect(await link.getAttribute('href')).toMatch(/^\/api\/v1\/imports\/.+\/errors\.csv$/);
      await shot(page, 'import-done-zh-CN-desktop');
      expect(page.pageErrors).toEqual([]);
    } finally {
      await browser.closeAll();
    }
  });

  it('en at phone width: a binary file is refused next to the upload, an xlsx with merged headers maps', async () => {
    const browser = await openBrowser('en');
    try {
      const page = await newPage(browser, PHONE);
      const admin = server.login('admin');
      await signIn(page, server.url, admin.login, admin.password);
      await page.goto(`${server.url}/import/lead`);
      await page.locator('input[type=file]').setInputFiles(join(DATA, 'picture.csv'));
      await page
        .getByRole('alert')
        .getByText(/not CSV text/)
        .waitFor();
      await shot(page, 'import-refused-en-phone');
      await page.locator('input[type=file]').setInputFiles(join(DATA, 'leads-merged.xlsx'));
      await page.getByRole('cell', { name: '联系方式 / 手机号' }).waitFor();
      await shot(page, 'import-mapping-en-phone');
      expect(page.pageErrors).toEqual([]);
    } finally {
      await browser.closeAll();
    }
  });
});
