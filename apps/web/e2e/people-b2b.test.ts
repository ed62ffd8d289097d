import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { apiSession } from './harness/api-session';
import { choose } from './harness/antd';
import { DESKTOP, newPage, openBrowser, shot, signIn } from './harness/browser';
import { startTrellis, type RunningTrellis } from './harness/trellis';

// The b2b template asks for the full handover note (needs, risks, open items) on customers:
// the deactivate dialog sends the owner to "A rep leaves" for it. Its own seeded b2b server.
const ADMIN = { login: 'b2b.owner', password: 'Quiet-Harbour-2026!' };
let server: RunningTrellis;
type Person = { id: string; login: string; name: string; role: string; status: string };
let owner: Person;
let idle: Person;

beforeAll(async () => {
  server = await startTrellis({
    demo: false,
    template: 'b2b-sales',
    prepare: [
      ['seed', '--template', 'b2b-sales', '--records', '40', '--seed', '5'],
      ['users', 'add', '--login', ADMIN.login, '--password', ADMIN.password, '--role', 'admin'],
    ],
  });
  const api = await apiSession({ ...server, logins: [{ ...ADMIN, role: 'admin' }] }, ADMIN.login);
  const people = (await api<{ items: Person[] }>('GET', '/api/v1/users?limit=200')).items;
  const customer = (
    await api<{ items: { ownerId: string | null }[] }>('GET', '/api/v1/records/customer?limit=50')
  ).items.find((c) => c.ownerId && people.some((p) => p.id === c.ownerId && p.role !== 'admin'));
  owner = people.find((p) => p.id === customer!.ownerId)!;
  idle = await api<Person>('POST', '/api/v1/users', {
    login: 'idle.rep',
    name: '空闲顾问',
    password: 'Idle-Rep-river-2026',
    role: owner.role,
  });
}, 240_000);
afterAll(() => server?.stop());

/** Clicks the dialog's title until no dropdown is open over it (Escape would close the dialog). */
async function closeDropdowns(page: Page, dialog: ReturnType<Page['getByRole']>) {
  const open = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
  await expect
    .poll(async () => {
      if ((await open.count()) > 0) await dialog.locator('.ant-modal-title').click();
      return open.count();
    })
    .toBe(0);
}

const rowOf = (page: Page, name: string) => page.getByRole('row', { name: new RegExp(name) });

describe('deactivating under the full handover protocol (b2b)', () => {
  it('zh-CN: someone who owns customers is sent to 离职交接; someone who owns nothing is deactivated here', async () => {
    const browser = await openBrowser('zh-CN');
    try {
      const page = await newPage(browser, DESKTOP);
      await signIn(page, server.url, ADMIN.login, ADMIN.password);
      await page.goto(`${server.url}/people`);
      await page.getByLabel('搜索用户').fill(owner.login);
      await rowOf(page, owner.name)
        .getByRole('button', { name: `停用 ${owner.name}` })
        .click();
      let dialog = page.getByRole('dialog', { name: `停用 ${owner.name}` });
      await dialog.getByText('本工作区要求完整的交接说明').waitFor();
      await choose(page, dialog.getByLabel('由谁接手其记录'), `${idle.name} (${idle.login})`, {
        search: true,
      });
      await closeDropdowns(page, dialog);
      await dialog.getByRole('button', { name: /预览交接内容/ }).click();
      // The server refuses a plan without the protocol note: the pointer turns red.
      await dialog.locator('.ant-alert-error', { hasText: '本工作区要求完整的交接说明' }).waitFor();
      await expect
        .poll(() => page.locator('.ant-zoom-appear, .ant-zoom-enter, .ant-fade-appear').count())
        .toBe(0);
      await shot(page, 'people-b2b-protocol-zh-CN-desktop', { fullPage: false });
      await dialog.getByRole('link', { name: '打开“离职交接”' }).click();
      await page.waitForURL(/\/handovers\/leave$/);

      await page.goto(`${server.url}/people`);
      await page.getByLabel('搜索用户').fill(idle.login);
      await rowOf(page, idle.name)
        .getByRole('button', { name: `停用 ${idle.name}` })
        .click();
      dialog = page.getByRole('dialog', { name: `停用 ${idle.name}` });
      await choose(page, dialog.getByLabel('由谁接手其记录'), `${owner.name} (${owner.login})`, {
        search: true,
      });
      await closeDropdowns(page, dialog);
      await dialog.getByRole('button', { name: /预览交接内容/ }).click();
      await dialog.getByText(`${idle.name} 名下没有未结束的记录`).waitFor();
      await dialog.getByRole('button', { name: /^停\s?用$/ }).click();
      await page
        .locator('.ant-popconfirm')
        .getByRole('button', { name: /^停\s?用$/ })
        .click();
      await dialog.waitFor({ state: 'hidden' });
      expect(page.pageErrors).toEqual([]);
    } finally {
      await browser.closeAll();
    }
    const api = await apiSession({ ...server, logins: [{ ...ADMIN, role: 'admin' }] }, ADMIN.login);
    const people = (await api<{ items: Person[] }>('GET', '/api/v1/users?limit=200')).items;
    expect(people.find((p) => p.id === idle.id)?.status).toBe('disabled');
    expect(people.find((p) => p.id === owner.id)?.status).toBe('active');
  }, 300_000);
});
