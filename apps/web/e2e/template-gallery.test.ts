import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { newPage, openBrowser, shot, signIn, DESKTOP, PHONE } from './harness/browser';
import { startTrellis, WEB_DIR, type RunningTrellis } from './harness/trellis';

// Installing a template changes the app for everyone: this file runs its own demo server
// (education with demo records) instead of the shared one.
let server: RunningTrellis;
/** The version of a repo template (b2b-sales: the one the gallery installs; education: the demo's). */
const version = (name: string) =>
  (
    JSON.parse(
      readFileSync(join(WEB_DIR, '..', '..', 'templates', name, 'template.json'), 'utf8'),
    ) as { version: string }
  ).version;
const B2B = version('b2b-sales');
const EDU = version('education');
beforeAll(async () => {
  server = await startTrellis();
}, 120_000);
afterAll(async () => server?.stop());

async function openGallery(page: Page) {
  const admin = server.login('admin');
  await signIn(page, server.url, admin.login, admin.password);
  await page.goto(`${server.url}/builder/templates`);
  await page.locator('[data-template=b2b-sales]').waitFor();
  await page.waitForLoadState('networkidle');
}

const card = (page: Page, name: string) => page.locator(`[data-template=${name}]`);

/** Waits for the page's finite animations and transitions (a drawer sliding in) to end. */
const finishedMoving = (page: Page) =>
  page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => a.effect?.getComputedTiming().iterations !== Infinity)
        .map((a) => a.finished.catch(() => undefined)),
    ).then(() => undefined),
  );

describe('the template gallery in the builder', () => {
  for (const [locale, viewport, size] of [
    ['en', PHONE, 'phone'],
    ['zh-CN', PHONE, 'phone'],
    ['en', DESKTOP, 'desktop'],
  ] as const)
    it(`shows the templates, a preview and the install plan with its conflicts (${locale}, ${size})`, async () => {
      const browser = await openBrowser(locale);
      try {
        const page = await newPage(browser, viewport);
        await openGallery(page);
        const zh = locale === 'zh-CN';
        // Education came with the demo; B2B is not installed yet.
        await expect(card(page, 'education').textContent()).resolves.toContain(
          zh ? `已安装：v${EDU}` : `Installed: v${EDU}`,
        );
        await expect(card(page, 'b2b-sales').textContent()).resolves.toContain(
          zh ? '未安装' : 'Not installed',
        );
        await shot(page, `template-gallery-${locale}-${size}`);

        await card(page, 'b2b-sales')
          .getByRole('button', { name: zh ? '预览' : 'Preview' })
          .click();
        const drawer = page.getByRole('dialog');
        await drawer
          .getByText(zh ? '商机推进' : 'Deal pipeline', { exact: false })
          .first()
          .waitFor()
          .catch(async (e: unknown) => {
            await shot(page, `template-preview-failed-${locale}-${size}`);
            throw e;
          });
        // The drawer slides in: the shot waits for it to stand (it caught it half way, cut off).
        await finishedMoving(page);
        await shot(page, `template-preview-${locale}-${size}`);
        await drawer
          .getByRole('button', { name: zh ? /^安\s?装$/ : 'Install', exact: true })
          .click();

        const dialog = page.getByRole('dialog');
        await dialog.locator('[data-conflict]').first().waitFor();
        await dialog.locator('[data-testid=plan-parts]').waitFor();
        const install = dialog.getByRole('button', {
          name: zh ? /^安\s?装$/ : 'Install',
          exact: true,
        });
        // Until every conflict has a side, nothing can be installed.
        expect(await install.isDisabled()).toBe(true);
        await shot(page, `template-plan-${locale}-${size}`);
        await dialog.getByRole('button', { name: zh ? /取\s?消/ : 'Cancel' }).click();
        expect(page.pageErrors).toEqual([]);
      } finally {
        await browser.closeAll();
      }
    }, 240_000);

  it('installs B2B sales over the education workspace with data, the builder choosing per conflict (zh-CN, desktop)', async () => {
    const browser = await openBrowser('zh-CN');
    try {
      const page = await newPage(browser, DESKTOP);
      await openGallery(page);
      const leadCount = () =>
        page.evaluate(async () => {
          const res = await fetch('/api/v1/records/lead?limit=1&count=1');
          return ((await res.json()) as { total: number }).total;
        });
      const before = await leadCount();
      expect(before).toBeGreaterThan(10);
      await card(page, 'b2b-sales').getByRole('button', { name: '安装 B2B' }).click();
      const dialog = page.getByRole('dialog');
      await dialog
        .locator('[data-conflict]')
        .first()
        .waitFor()
        .catch(async (e: unknown) => {
          await shot(page, 'template-plan-failed-zh-CN-desktop');
          throw e;
        });
      await dialog.getByRole('button', { name: /全部保留我的/ }).click();
      // One conflict the other way: the sales role takes the template's label.
      const salesLabel = dialog.locator('[data-conflict="/roles/sales/label/zh-CN"]');
      await salesLabel.getByRole('radio', { name: /采用模板的/ }).check();
      const theirs = (await salesLabel.locator('strong').nth(1).textContent())!.trim();
      await shot(page, 'template-plan-chosen-zh-CN-desktop');
      await dialog.getByRole('button', { name: /^安\s?装$/ }).click();
      await dialog.locator('.ant-result-success').waitFor();
      await shot(page, 'template-installed-zh-CN-desktop');

      const after = await page.evaluate(async () => {
        const [list, spec] = await Promise.all([
          fetch('/api/v1/templates').then((r) => r.json()),
          fetch('/api/v1/spec').then((r) => r.json()),
        ]);
        return { list, spec } as {
          list: { items: { name: string; installed: string | null }[] };
          spec: {
            spec: {
              entities: { key: string }[];
              roles: { key: string; label: Record<string, string> }[];
            };
          };
        };
      });
      expect(after.list.items.find((t) => t.name === 'b2b-sales')?.installed).toBe(B2B);
      expect(after.spec.spec.entities.map((e) => e.key)).toEqual(
        expect.arrayContaining(['lead', 'customer', 'deal']),
      );
      expect(after.spec.spec.roles.find((r) => r.key === 'sales')?.label['zh-CN']).toBe(theirs);
      // The demo's leads are all still there.
      expect(await leadCount()).toBe(before);

      await page
        .locator('.ant-modal-footer')
        .getByRole('button', { name: /关\s?闭/ })
        .click();
      await expect(card(page, 'b2b-sales').textContent()).resolves.toContain(`已安装：v${B2B}`);
      await shot(page, 'template-gallery-after-zh-CN-desktop');
      expect(page.pageErrors).toEqual([]);
    } finally {
      await browser.closeAll();
    }
  }, 240_000);
});
