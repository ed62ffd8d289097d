import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { choose } from './harness/antd';
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

      // Value step: each source of the file matched to an option by its label; 小红书 has none.
      await page.getByRole('button', { name: '下一步：对应选项值' }).click();
      const sources = page.getByRole('region', { name: '来源渠道' });
      await sources.getByText('“来源渠道”列 → 来源渠道').waitFor();
      const optionOf = (value: string) =>
        page
          .getByLabel(`“来源渠道”列中“${value}”对应的选项`)
          .locator('xpath=ancestor::div[contains(@class,"ant-select")][1]');
      expect(await optionOf('抖音').textContent()).toContain('抖音');
      expect(await optionOf('400电话').textContent()).toContain('400电话');
      expect(await optionOf('小红书').textContent()).toContain('不对应（这些行会失败）');
      await sources.getByText('1 个值没有对应选项').waitFor();
      await shot(page, 'import-values-zh-CN-desktop');

      await page.getByRole('button', { name: '试运行' }).click();
      await page.getByText('试运行结果（未写入任何数据）').waitFor();
      await page.getByText('与第 2 行重复').waitFor();
      await page.getByText('以下值没有对应的选项，所在的行会导入失败').waitFor();
      await page.getByText('来源渠道：“小红书”（1 行）').waitFor();
      await page
        .getByText(/来源渠道：/)
        .first()
        .waitFor();
      await shot(page, 'import-dryrun-zh-CN-desktop');

      // Back to the values: 小红书 becomes 其他, and the dry run no longer warns or refuses it.
      await page.getByRole('button', { name: '返回' }).click();
      await choose(page, page.getByLabel('“来源渠道”列中“小红书”对应的选项'), '其他');
      expect(await optionOf('小红书').textContent()).toContain('其他');
      await page.getByRole('button', { name: '试运行' }).click();
      await page.getByText('试运行结果（未写入任何数据）').waitFor();
      await page.getByText('与第 2 行重复').waitFor();
      expect(await page.getByText('以下值没有对应的选项').count()).toBe(0);

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
      await page.getByRole('button', { name: 'Next: match values' }).click();
      const optionOf = (value: string) =>
        page
          .getByLabel(`Option for "${value}" in column "来源渠道"`)
          .locator('xpath=ancestor::div[contains(@class,"ant-select")][1]');
      expect(await optionOf('线下活动').textContent()).toContain('Offline event');
      expect(await page.getByText('Matched automatically').count()).toBe(4);
      // A person overrides a match: 官网 is counted as a referral here.
      await choose(page, page.getByLabel('Option for "官网" in column "来源渠道"'), 'Referral');
      expect(await optionOf('官网').textContent()).toContain('Referral');
      expect(await page.getByText('Matched automatically').count()).toBe(3);
      await shot(page, 'import-values-en-phone');
      await page.getByRole('button', { name: 'Dry run' }).click();
      await page.getByText('Dry run (nothing was written)').waitFor();
      expect(await page.getByText('These values have no option').count()).toBe(0);
      await shot(page, 'import-dryrun-en-phone');
      expect(page.pageErrors).toEqual([]);
    } finally {
      await browser.closeAll();
    }
  });
});
