import { describe, expect, it } from 'vitest';
import { shot } from './harness/browser';
import { inBuilderBrowser } from './harness/builder-browser';
import { signInAs } from './harness/builder-steps';
import { discardDraft, draftSaved, draftSpec } from './harness/draft';
import { demoServer } from './harness/server';

const server = demoServer();

type DraftSpec = { views?: { key: string; entity: string; type: string; label: unknown }[] };

// The "new view" dialog is the builder's shared "new named part" dialog with an entity and a
// kind of its own: Create waits for a name, and the view it adds has the entity and kind chosen.
describe('a new view in the builder', () => {
  it('waits for a name, then adds a board of the chosen entity to the draft', async () => {
    await inBuilderBrowser(
      'builder-new-view-zh-CN',
      { locale: 'zh-CN', cleanUp: discardDraft },
      async (page) => {
        await signInAs(page, server, 'admin');
        await page.goto(`${server.url}/builder/views`);
        await page.getByRole('button', { name: '添加到“视图”' }).click();
        const dialog = page.getByRole('dialog', { name: '新建视图' });
        const create = dialog.getByRole('button', { name: /创\s*建/ });
        await dialog.getByLabel('名称 (中文)').waitFor();
        expect(await create.isDisabled()).toBe(true);
        await dialog.getByLabel('名称 (中文)').fill('报名看板');
        await dialog.getByLabel('名称 (英文)').fill('Enrollment board');
        const entity = dialog.locator('.ant-select', { has: page.getByLabel('实体') });
        await entity.click();
        await page.locator('.ant-select-item-option', { hasText: '报名订单' }).first().click();
        await dialog.getByText('看板', { exact: true }).click();
        await shot(page, 'builder-new-view-zh-CN');
        await create.click();
        await dialog.waitFor({ state: 'hidden' });
        await page.waitForURL(/\/builder\/views\/enrollment-board$/);
        await draftSaved(page);
        const draft = await draftSpec<DraftSpec>(page);
        const view = draft?.views?.find((v) => v.key === 'enrollment-board');
        expect(view).toMatchObject({
          entity: 'enrollment',
          type: 'board',
          label: { 'zh-CN': '报名看板', en: 'Enrollment board' },
        });
      },
    );
  });
});
