import { describe, expect, it } from 'vitest';
import { shot, DESKTOP, PHONE } from './harness/browser';
import { inBuilderBrowser } from './harness/builder-browser';
import { signInAs } from './harness/builder-steps';
import { ownServer } from './harness/own-server';
import { demoServer } from './harness/server';

const server = demoServer();

const SECTIONS = [
  'entities',
  'forms',
  'pipelines',
  'views',
  'automations',
  'roles',
  'teams',
  'intake',
  'activities',
  'app',
  'json',
  'history',
] as const;

describe('the builder on the education template', () => {
  for (const [locale, viewport, size] of [
    ['zh-CN', DESKTOP, 'desktop'],
    ['en', PHONE, 'phone'],
    ['en', DESKTOP, 'desktop'],
    ['zh-CN', PHONE, 'phone'],
  ] as const)
    it(`shows every section to an admin (${locale}, ${size})`, async () => {
      await inBuilderBrowser(
        `builder-tour-${locale}-${size}`,
        { locale, viewport },
        async (page) => {
          await signInAs(page, server, 'admin');
          for (const section of SECTIONS) {
            await page.goto(`${server.url}/builder/${section}`);
            await page.locator('[data-testid=builder-save-status]').waitFor();
            await page.waitForLoadState('networkidle');
            await page.waitForFunction(() => !document.querySelector('.ant-skeleton'));
            await shot(page, `builder-${section}-${locale}-${size}`);
          }
          expect(page.pageErrors).toEqual([]);
        },
      );
    }, 240_000);
});

describe('editing, undoing and publishing a draft', () => {
  // It publishes (the lead's notes renamed, version 2): a demo server of its own, or every later
  // file of the lane on the shared one would meet that label and version; fresh on a retry, which
  // would look for the label its first attempt published.
  const own = ownServer();
  it('autosaves a label change, undoes it, shows a conditional field and publishes with the plan', async ({
    task,
  }) => {
    await own.freshOnRetry(task);
    const server = own;
    await inBuilderBrowser('builder-tour-zh-CN', { locale: 'zh-CN' }, async (page) => {
      await signInAs(page, server, 'admin');
      const draftLabel = () =>
        page.evaluate(async () => {
          const res = await fetch('/api/v1/spec/draft');
          if (res.status === 404) return null;
          const draft = (await res.json()) as {
            spec: { entities: { key: string; fields: { key: string; label: object }[] }[] };
          };
          const lead = draft.spec.entities.find((e) => e.key === 'lead');
          return lead?.fields.find((f) => f.key === 'notes')?.label ?? null;
        });
      await page.goto(`${server.url}/builder/entities/lead`);
      const status = page.locator('[data-testid=builder-save-status]');

      // A conditional field reads back into the visual condition builder.
      await page.getByRole('button', { name: '流失说明', exact: true }).click();
      const drawer = page.getByRole('dialog');
      await drawer.getByText('条件必填').first().waitFor();
      await drawer.locator('.ant-select').nth(1).waitFor();
      await shot(page, 'builder-field-drawer-zh-CN-desktop');
      await page.locator('.ant-drawer-close').click();

      // A label change is saved on the server by itself, and undone in one step.
      await page.getByRole('button', { name: '备注', exact: true }).click();
      const zh = drawer.getByLabel('名称 (中文)');
      await zh.fill('备注说明');
      await status.getByText('已全部保存').waitFor();
      expect(await draftLabel()).toMatchObject({ 'zh-CN': '备注说明' });
      await page.locator('.ant-drawer-close').click();
      await page.getByRole('button', { name: '撤销' }).click();
      await page.getByRole('button', { name: '备注', exact: true }).waitFor();
      await status.getByText('已全部保存').waitFor();
      expect(await draftLabel()).toMatchObject({ 'zh-CN': '备注' });
      await page.getByRole('button', { name: '重做' }).click();
      await page.getByRole('button', { name: '备注说明', exact: true }).waitFor();
      await status.getByText('已全部保存').waitFor();

      // Publishing shows the change, then makes a new version.
      await page.getByRole('button', { name: '发布…' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByText('1 项修改').waitFor();
      await shot(page, 'builder-publish-zh-CN-desktop');
      await dialog.getByRole('button', { name: /^发\s?布$/ }).click();
      await page.getByText(/已发布版本 \d+/).waitFor();
      await page.goto(`${server.url}/builder/history`);
      await page.getByText('v2').waitFor();
      expect(page.pageErrors).toEqual([]);
    });
  }, 240_000);
});
