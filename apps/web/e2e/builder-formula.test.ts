import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { choose, pickFromMenu } from './harness/antd';
import { shot, PHONE } from './harness/browser';
import { inBuilderBrowser } from './harness/builder-browser';
import { draftSaved, draftSpec, discardDraft } from './harness/draft';
import { openBuilder } from './harness/builder-steps';
import { demoServer } from './harness/server';

// Formulas typed like a spreadsheet's, in both languages: a formula field of the education
// template, a computed value of an automation tried on a lead, and a webhook's headers set as
// rows. Nothing is published: each test throws its draft away (builder-field-types publishes a
// typed formula and a rep sees its value).
const server = demoServer();

type Spec = {
  entities: { key: string; fields: { key: string; expression?: unknown }[] }[];
  automations: { key: string; do: Record<string, unknown>[] }[];
};
const draft = (page: Page) => draftSpec<Spec>(page);

describe('the formula editor', () => {
  it('shows a template formula as text, names what is wrong next to the box, and writes what is typed with a picked field (zh-CN desktop)', async () => {
    await inBuilderBrowser(
      'builder-formula-zh-CN',
      { locale: 'zh-CN', cleanUp: discardDraft },
      async (page) => {
        await openBuilder(page, server, 'entities/lead');
        await page.getByRole('button', { name: '档案完整度', exact: true }).click();
        const drawer = page.locator('.ant-drawer-content-wrapper');
        const box = drawer.getByLabel('公式', { exact: true });
        // The template's JSONLogic reads as a formula over the fields' Chinese names.
        await expect
          .poll(() => box.inputValue())
          .toContain('if([姓名], 1, 0) + if([手机号], 1, 0)');
        const alert = drawer.getByRole('alert');

        await box.fill('[年龄] * ');
        await box.blur();
        await alert.getByText('第 8 个字符处：“*”后面缺少一个值').waitFor();
        await box.fill('[年龄] * 12 + [岁数]');
        await box.blur();
        await alert.getByText('没有名为“岁数”的字段').waitFor();
        await box.fill('if([年龄');
        await box.blur();
        await alert.getByText('第 7 个字符处：方括号“[”没有闭合').waitFor();
        // Nothing unreadable reached the spec: there is still no draft at all.
        expect(await draft(page)).toBeNull();

        // A field picked from the list goes in where the cursor was.
        await box.fill('if(');
        await choose(page, drawer.getByLabel('插入字段', { exact: true }), '年龄', {
          acts: true,
          search: true,
        });
        await expect.poll(() => box.inputValue()).toBe('if([年龄]');
        await expect.poll(() => box.evaluate((el) => el === document.activeElement)).toBe(true);
        await page.keyboard.type(' >= 18, "成人", "未成年")');
        await box.blur();
        await drawer.getByText('结果：文本').waitFor();
        expect(await alert.count()).toBe(0);
        // The field says it gives a number: text from the formula is flagged beside it.
        await drawer.getByText('字段的结果类型是“数字”，请修改公式或结果类型。').waitFor();
        await draftSaved(page);
        const after = (await draft(page))?.entities
          .find((e) => e.key === 'lead')
          ?.fields.find((f) => f.key === 'profileScore')?.expression;
        expect(after).toEqual({ if: [{ '>=': [{ var: 'age' }, 18] }, '成人', '未成年'] });
        await shot(page, 'builder-formula-zh-CN-desktop');
        expect(page.pageErrors).toEqual([]);
      },
    );
  }, 180_000);

  it('sets a computed value in an automation and the dry run on a lead shows it (en phone)', async () => {
    await inBuilderBrowser(
      'builder-formula-value-en',
      { locale: 'en', viewport: PHONE, cleanUp: discardDraft },
      async (page) => {
        await openBuilder(page, server, 'automations/quote-follow-up');
        await pickFromMenu(page, page.getByRole('button', { name: 'Add an action' }), 'Set fields');
        const card = page.locator('.ant-card', { hasText: 'Sets values on the record.' }).last();
        await card.getByRole('button', { name: /Add a field$/ }).click();
        await choose(page, card.getByLabel('Field', { exact: true }), 'Next follow-up plan', {
          search: true,
        });
        await card.getByText('Computed (formula)', { exact: true }).click();
        const box = card.getByLabel('Value', { exact: true });
        await box.fill('cat("Call back ", [Name]');
        await box.blur();
        await card.getByRole('alert').getByText('At character 25: a "(" is not closed').waitFor();
        await box.fill('cat("Call back ", [Name], " about ", [Course of interest])');
        await box.blur();
        await card.getByText('Result: text').waitFor();
        await draftSaved(page);
        const actions = (await draft(page))?.automations.find(
          (a) => a.key === 'quote-follow-up',
        )?.do;
        expect(actions?.at(-1)).toEqual({
          type: 'setFields',
          values: {
            nextFollowUpPlan: {
              cat: ['Call back ', { var: 'name' }, ' about ', { var: 'course' }],
            },
          },
        });
        await card.scrollIntoViewIfNeeded();
        await shot(page, 'builder-formula-value-en-phone');

        // Test on a record: the draft's automation on a stored lead computes the value.
        const lead = await page.evaluate(async () => {
          const res = await fetch('/api/v1/records/lead?limit=1');
          return ((await res.json()) as { items: { name: string; course?: string }[] }).items[0]!;
        });
        await page.getByRole('tab', { name: 'Test on a record' }).click();
        await page.getByLabel('Record', { exact: true }).click();
        await page.keyboard.type(lead.name);
        await page.locator('.ant-select-item-option').first().click();
        await page.getByRole('button', { name: /Try it/ }).click();
        await page
          .getByText(`Call back ${lead.name} about ${lead.course ?? ''}`)
          .first()
          .waitFor();
        // Each action says what it would do in words: the field set by its label, no result JSON.
        const trial = await page.locator('.ant-list').innerText();
        expect(trial).toContain(`Next follow-up plan: Call back ${lead.name}`);
        expect(trial).not.toMatch(/"ok"|taskId|"version"/);
        await shot(page, 'builder-formula-test-en-phone');
        expect(page.pageErrors).toEqual([]);
      },
    );
  }, 180_000);

  it('sets a webhook’s headers as rows of name and value and its body as a formula, not JSON (zh-CN desktop)', async () => {
    await inBuilderBrowser(
      'builder-webhook-headers-zh-CN',
      { locale: 'zh-CN', cleanUp: discardDraft },
      async (page) => {
        await openBuilder(page, server, 'automations/quote-follow-up');
        await pickFromMenu(page, page.getByRole('button', { name: '添加动作' }), '调用 Webhook');
        const card = page.locator('.ant-card', { hasText: '把记录发送给外部系统' }).last();
        await card.getByLabel('URL', { exact: true }).fill('https://crm.example.com/hook');
        const name = card.getByLabel(/^新请求头的名称$/);
        await name.fill('X-Token');
        await card.getByRole('button', { name: /添加$/ }).click();
        await card.getByLabel('请求头 · X-Token', { exact: true }).fill('abc123');
        await card.getByLabel('请求头 · X-Token', { exact: true }).blur();
        // The body is a formula over the record (it was a condition builder).
        const body = card.getByLabel('请求体', { exact: true });
        await body.fill('cat("新线索：", [姓名], "，", [手机号])');
        await body.blur();
        await card.getByText('结果：文本').waitFor();
        await draftSaved(page);
        const actions = (await draft(page))?.automations.find(
          (a) => a.key === 'quote-follow-up',
        )?.do;
        expect(actions?.at(-1)).toMatchObject({
          type: 'callWebhook',
          url: 'https://crm.example.com/hook',
          headers: { 'X-Token': 'abc123' },
          body: { cat: ['新线索：', { var: 'name' }, '，', { var: 'phone' }] },
        });
        // The only text box is the body's formula: no JSON box.
        expect(await card.locator('textarea').count()).toBe(1);
        await shot(page, 'builder-webhook-headers-zh-CN-desktop');
        expect(page.pageErrors).toEqual([]);
      },
    );
  }, 180_000);
});
