import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { signIn } from './browser';
import { discardDraft, draftSaved } from './draft';
import type { DemoLogin } from './trellis';

/** The builder's language in a test: the words its steps look for. */
export type BuilderLang = 'zh-CN' | 'en';

const TEXT = {
  addField: { 'zh-CN': '添加字段', en: 'Add field' },
  pickType: { 'zh-CN': '选择字段类型', en: 'What kind of field?' },
  newField: { 'zh-CN': '新字段', en: 'New field' },
  nameZh: { 'zh-CN': '名称 (中文)', en: 'Name (Chinese)' },
  nameEn: { 'zh-CN': '名称 (英文)', en: 'Name (English)' },
  publish: { 'zh-CN': '发布…', en: 'Publish…' },
  confirm: { 'zh-CN': /^发\s?布$/, en: /^Publish$/ },
  changes: { 'zh-CN': /^\d+ 项修改$/, en: /^\d+ changes?$/ },
  published: { 'zh-CN': /已发布版本 (\d+)/, en: /Published version (\d+)/ },
} as const;

/** The Form.Item labelled `label` inside `scope`. */
export const formItem = (scope: Locator, label: string) =>
  scope.locator('.ant-form-item', {
    has: scope.page().locator('.ant-form-item-label', { hasText: label }),
  });

/** A server the steps sign in to: the shared demo server or a test's own. */
type Server = { url: string; login(role: string, index?: number): DemoLogin };

/**
 * Signs in as the demo user of `role` (the first one unless `index`), leaving whoever was signed
 * in before: what a test does when the builder has published and a rep takes over.
 */
export async function signInAs(page: Page, server: Server, role: string, index = 0) {
  await page.context().clearCookies();
  const who = server.login(role, index);
  await signIn(page, server.url, who.login, who.password);
  return who;
}

/**
 * Signs in as the admin, throws away any draft an earlier (failed) run left, and opens the
 * builder at `path` (`entities/lead`, `forms`…).
 */
export async function openBuilder(page: Page, server: Server, path: string) {
  await signInAs(page, server, 'admin');
  await discardDraft(page);
  await page.goto(`${server.url}/builder/${path}`);
}

/**
 * The steps of the entity editor: add a field of a type and name it, close its drawer.
 * `typeName` is the type's name in the picker (电话 / Phone).
 */
export function fieldSteps(page: Page, lang: BuilderLang) {
  const drawer = page.locator('.ant-drawer-content-wrapper');
  const close = async () => {
    await draftSaved(page);
    await page.locator('.ant-drawer-close').click();
    await drawer.waitFor({ state: 'hidden' });
  };
  const add = async (typeName: string, names: { zh: string; en: string }) => {
    const picker = page.locator('.ant-popover', {
      has: page.getByText(TEXT.pickType[lang], { exact: true }),
    });
    // Both buttons' names start with their icon's.
    const open = page.getByRole('button', { name: new RegExp(`(^|\\s)${TEXT.addField[lang]}$`) });
    const escaped = typeName.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    const type = picker.getByRole('button', { name: new RegExp(`(^|\\s)${escaped}$`) });
    const added = drawer
      .locator('.ant-drawer-title')
      .getByText(TEXT.newField[lang], { exact: true });
    for (let attempt = 1; ; attempt++) {
      if (!(await picker.isVisible())) {
        await open.click();
        await picker.waitFor();
      }
      // Clicked while the picker still zooms in, the button moves under the pointer: on a busy
      // machine the click then lands beside it (nothing is added, or the picker closes).
      await expect
        .poll(() => picker.evaluate((el) => el.getAnimations({ subtree: true }).length))
        .toBe(0);
      await type.click();
      // A new field's drawer (the one before was closed) says a field was added.
      const done = await added.waitFor({ timeout: 20_000 }).then(
        () => true,
        () => false,
      );
      if (done) break;
      if (attempt === 3) throw new Error(`no ${typeName} field could be added`);
    }
    // The picker closes as the drawer opens: the next step starts from a still page.
    await picker.waitFor({ state: 'hidden' });
    const zh = drawer.getByLabel(TEXT.nameZh[lang]);
    await zh.fill(names.zh);
    await drawer.getByLabel(TEXT.nameEn[lang]).fill(names.en);
    await drawer.getByLabel(TEXT.nameEn[lang]).blur();
    await drawer
      .locator('.ant-drawer-title')
      .getByText(lang === 'en' ? names.en : names.zh, { exact: true })
      .waitFor();
    return drawer;
  };
  return { add, close, drawer };
}

/**
 * Publishes the draft through the dialog: waits for the list of changes, runs `beforeConfirm`
 * (a look at the plan, a screenshot), publishes, and returns the version published.
 */
export async function publishDraft(
  page: Page,
  lang: BuilderLang,
  { beforeConfirm }: { beforeConfirm?: (dialog: Locator) => Promise<unknown> } = {},
): Promise<number> {
  await page.getByRole('button', { name: TEXT.publish[lang], exact: true }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByText(TEXT.changes[lang]).first().waitFor();
  await beforeConfirm?.(dialog);
  await dialog.getByRole('button', { name: TEXT.confirm[lang] }).click();
  const done = page.getByText(TEXT.published[lang]).first();
  await done.waitFor();
  const version = Number(TEXT.published[lang].exec(await done.innerText())?.[1]);
  expect(version).toBeGreaterThan(0);
  return version;
}
