import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { newPage, openBrowser, shot, signIn, DESKTOP, PHONE } from './harness/browser';
import { startTrellis, WEB_DIR, type RunningTrellis } from './harness/trellis';

// Upgrading an installed template from the gallery. The workspace runs education with B2B
// sales v0.0.9 installed over it (the workspace kept its own sales role label there) and has
// B2B customers; the repo's b2b-sales (B2B below) renamed that role and added a view.
// So the upgrade has a conflict (the workspace and the template changed the same label) and
// an addition the workspace did not have.
const OLD_LABEL = { 'zh-CN': '大客户代表', en: 'Key account rep' };
const ADMIN = { login: 'upgrade.admin', password: 'Gallery-Upgrade-2026!' };
let server: RunningTrellis;
let work: string;
const B2B_DIR = join(WEB_DIR, '..', '..', 'templates', 'b2b-sales');
/** The version of the repo's b2b-sales, the one offered as the upgrade. */
const B2B = (
  JSON.parse(readFileSync(join(B2B_DIR, 'template.json'), 'utf8')) as { version: string }
).version;

function oldB2b(): string {
  const dir = join(work, 'b2b-sales-0.0.9');
  cpSync(B2B_DIR, dir, { recursive: true });
  const edit = (file: string, change: (json: Record<string, unknown>) => void) => {
    const json = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Record<string, unknown>;
    change(json);
    writeFileSync(join(dir, file), JSON.stringify(json, null, 2));
  };
  edit('template.json', (t) => (t.version = '0.0.9'));
  edit('package.json', (p) => (p.version = '0.0.9'));
  edit('spec/roles.json', (r) => {
    const sales = (r.roles as { key: string; label: unknown }[]).find((x) => x.key === 'sales')!;
    sales.label = OLD_LABEL;
  });
  edit('spec/views.json', (v) => {
    v.views = (v.views as { key: string }[]).filter((x) => x.key !== 'deal-board');
  });
  return dir;
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'template-upgrade-'));
  server = await startTrellis({
    demo: false,
    prepare: [
      ['template', 'install', oldB2b(), '--choose-all', 'ours'],
      ['seed', '--template', 'b2b-sales', '--records', '40', '--seed', '5'],
      ['users', 'add', '--login', ADMIN.login, '--password', ADMIN.password, '--role', 'admin'],
    ],
  });
}, 180_000);
afterAll(async () => {
  await server?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

const card = (page: Page) => page.locator('[data-template=b2b-sales]');

async function openUpgrade(page: Page, zh: boolean) {
  await signIn(page, server.url, ADMIN.login, ADMIN.password);
  await page.goto(`${server.url}/builder/templates`);
  await card(page).waitFor();
  await page.waitForLoadState('networkidle');
  const text = await card(page).textContent();
  expect(text).toContain(zh ? '已安装：v0.0.9' : 'Installed: v0.0.9');
  expect(text).toContain(zh ? `可升级到 v${B2B}` : `v${B2B} available`);
  await card(page)
    .getByRole('button', { name: zh ? /^升级 B2B/ : /^Upgrade B2B/ })
    .click();
  const dialog = page.getByRole('dialog');
  await dialog
    .locator('[data-conflict]')
    .first()
    .waitFor()
    .catch(async (e: unknown) => {
      await shot(page, `template-upgrade-failed-${zh ? 'zh-CN' : 'en'}`);
      throw e;
    });
  return dialog;
}

const workspace = (page: Page) =>
  page.evaluate(async () => {
    const [list, spec, customers] = await Promise.all([
      fetch('/api/v1/templates').then((r) => r.json()),
      fetch('/api/v1/spec').then((r) => r.json()),
      fetch('/api/v1/records/customer?limit=1&count=1').then((r) => r.json()),
    ]);
    return { list, spec, customers } as {
      list: { items: { name: string; installed: string | null }[] };
      spec: {
        spec: {
          roles: { key: string; label: Record<string, string> }[];
          views: { key: string }[];
        };
      };
      customers: { total: number };
    };
  });

describe('upgrading a template from the gallery', () => {
  it('shows the upgrade plan with the conflict and waits for a choice (en, phone)', async () => {
    const browser = await openBrowser('en');
    try {
      const page = await newPage(browser, PHONE);
      const dialog = await openUpgrade(page, false);
      await expect(dialog.textContent()).resolves.toContain(
        `from v0.0.9 to v${B2B} merges the template’s changes with the changes you made since`,
      );
      // The conflict count reads whole at phone width (it was cut to "2 …" by the bulk buttons).
      const count = dialog.locator('[data-conflict-count]');
      await expect(count.textContent()).resolves.toBe('2 conflicts');
      const head = await count.evaluate((el) => {
        const title = el.closest('.ant-card-head-title') ?? el;
        return { scroll: title.scrollWidth, client: title.clientWidth };
      });
      expect(head.scroll).toBeLessThanOrEqual(head.client);
      const label = dialog.locator('[data-conflict="/roles/sales/label/en"]');
      await expect(label.textContent()).resolves.toContain('Account manager');
      const upgrade = dialog.getByRole('button', { name: 'Upgrade', exact: true });
      expect(await upgrade.isDisabled()).toBe(true);
      await shot(page, 'template-upgrade-plan-en-phone');
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      // Nothing was applied by looking.
      const now = await workspace(page);
      expect(now.list.items.find((t) => t.name === 'b2b-sales')?.installed).toBe('0.0.9');
      expect(page.pageErrors).toEqual([]);
    } finally {
      await browser.closeAll();
    }
  }, 240_000);

  it(`upgrades B2B sales 0.0.9 → ${B2B} with a choice per conflict, keeping every record (zh-CN, desktop)`, async () => {
    const browser = await openBrowser('zh-CN');
    try {
      const page = await newPage(browser, DESKTOP);
      const dialog = await openUpgrade(page, true);
      const ours = await workspace(page);
      expect(ours.customers.total).toBe(40);
      const oursEn = ours.spec.spec.roles.find((r) => r.key === 'sales')!.label.en;
      expect(ours.spec.spec.views.map((v) => v.key)).not.toContain('deal-board');

      await dialog.getByRole('button', { name: /全部保留我的/ }).click();
      // The Chinese label the other way: the template's new name for the role.
      const zhLabel = dialog.locator('[data-conflict="/roles/sales/label/zh-CN"]');
      await zhLabel.getByRole('radio', { name: /采用模板的/ }).check();
      await shot(page, 'template-upgrade-chosen-zh-CN-desktop');
      await dialog.getByRole('button', { name: /^升\s?级$/ }).click();
      await dialog.locator('.ant-result-success').waitFor();
      await shot(page, 'template-upgraded-zh-CN-desktop');

      const after = await workspace(page);
      expect(after.list.items.find((t) => t.name === 'b2b-sales')?.installed).toBe(B2B);
      const sales = after.spec.spec.roles.find((r) => r.key === 'sales')!;
      expect(sales.label['zh-CN']).toBe('客户经理');
      expect(sales.label.en).toBe(oursEn);
      expect(after.spec.spec.views.map((v) => v.key)).toContain('deal-board');
      expect(after.customers.total).toBe(40);

      await page
        .locator('.ant-modal-footer')
        .getByRole('button', { name: /关\s?闭/ })
        .click();
      await expect(card(page).textContent()).resolves.toContain(`已安装：v${B2B}`);
      await shot(page, 'template-upgrade-gallery-after-zh-CN-desktop');
      expect(page.pageErrors).toEqual([]);
    } finally {
      await browser.closeAll();
    }
  }, 240_000);
});
