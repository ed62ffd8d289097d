import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { apiSession } from './harness/api-session';
import { choose } from './harness/antd';
import { DESKTOP, newPage, openBrowser, PHONE, shot, signIn } from './harness/browser';
import { startTrellis, type RunningTrellis } from './harness/trellis';

// Changes to the workspace's only admin and a rep's status: this file runs its own demo server,
// so neither a failure here nor an away rep ever reaches the shared server's routing.
let server: RunningTrellis;
type Person = { id: string; login: string; name: string; role: string; status: string };
let people: Person[] = [];
const byLogin = (login: string) => people.find((p) => p.login === login)!;

async function directory() {
  const api = await apiSession(server, server.login('admin').login);
  return (await api<{ items: Person[] }>('GET', '/api/v1/users?limit=200')).items;
}

beforeAll(async () => {
  server = await startTrellis();
  people = await directory();
}, 120_000);
afterAll(() => server?.stop());

/** Waits until no popup is mid-animation (a shot of one fading in shows it half drawn). */
const settled = (page: Page) =>
  expect
    .poll(() =>
      page
        .locator(
          '.ant-zoom-big-appear, .ant-zoom-big-enter, .ant-zoom-appear, .ant-zoom-enter, .ant-show-help-appear, .ant-show-help-enter',
        )
        .count(),
    )
    .toBe(0);

const rowOf = (page: Page, name: string) => page.getByRole('row', { name: new RegExp(name) });

describe('the users page keeps someone who can manage users, and sets people away', () => {
  it('zh-CN desktop: the only admin cannot take their own right away — the server says so under 角色', async () => {
    const me = byLogin(server.login('admin').login);
    expect(people.filter((p) => p.role === 'admin' && p.status !== 'disabled')).toHaveLength(1);
    const browser = await openBrowser('zh-CN');
    try {
      const page = await newPage(browser, DESKTOP);
      await signIn(page, server.url, me.login, server.login('admin').password);
      await page.goto(`${server.url}/people`);
      await page.getByLabel('搜索用户').fill(me.login);
      await rowOf(page, me.name)
        .getByRole('button', { name: `编辑 ${me.name}` })
        .click();
      const edit = page.getByRole('dialog', { name: `编辑 ${me.name}` });
      await choose(page, edit.getByLabel('角色'), '招生顾问');
      // Close the role's dropdown (a click on the title; Escape would close the dialog).
      const open = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
      await expect
        .poll(async () => {
          if ((await open.count()) > 0) await edit.locator('.ant-modal-title').click();
          return open.count();
        })
        .toBe(0);
      await edit.getByRole('button', { name: /保\s?存/ }).click();
      const roleItem = edit.locator('.ant-form-item', { has: page.getByLabel('角色') });
      await roleItem.getByText(/唯一能管理用户的在职人员/).waitFor();
      await settled(page);
      await shot(page, 'people-last-admin-zh-CN-desktop', { fullPage: false });
      expect(page.pageErrors).toEqual([]);
    } finally {
      await browser.closeAll();
    }
    expect(byLogin(me.login).role).toBe('admin');
    expect((await directory()).find((p) => p.id === me.id)?.role).toBe('admin');
  }, 180_000);

  it('zh-CN desktop sets a rep away (the line says what it means for routing); en phone brings them back', async () => {
    const rep = byLogin(server.login('sales').login);
    const admin = server.login('admin');
    const zh = await openBrowser('zh-CN');
    try {
      const page = await newPage(zh, DESKTOP);
      await signIn(page, server.url, admin.login, admin.password);
      await page.goto(`${server.url}/people`);
      await page.getByLabel('搜索用户').fill(rep.login);
      await rowOf(page, rep.name)
        .getByRole('button', { name: `将 ${rep.name} 设为外出` })
        .click();
      const confirm = page.locator('.ant-popconfirm');
      await confirm.getByText('自动分配（轮询、按负载）不再把新线索派给 TA').waitFor();
      await settled(page);
      await shot(page, 'people-away-confirm-zh-CN-desktop', { fullPage: false });
      await confirm.getByRole('button', { name: '设为外出' }).click();
      await rowOf(page, rep.name).getByText('外出', { exact: true }).waitFor();
      await rowOf(page, rep.name)
        .getByRole('button', { name: `${rep.name} 回来了` })
        .waitFor();
      await shot(page, 'people-away-zh-CN-desktop', { fullPage: false });
      expect(page.pageErrors).toEqual([]);
    } finally {
      await zh.closeAll();
    }
    expect((await directory()).find((p) => p.id === rep.id)?.status).toBe('away');

    const en = await openBrowser('en');
    try {
      const page = await newPage(en, PHONE);
      await signIn(page, server.url, admin.login, admin.password);
      await page.goto(`${server.url}/people`);
      await page.getByLabel('Search users').fill(rep.login);
      const card = page.locator('.trellis-person-card', { hasText: rep.name });
      await card.getByText('Away', { exact: true }).waitFor();
      await shot(page, 'people-away-en-phone', { fullPage: false });
      await card.getByRole('button', { name: `${rep.name} is back` }).click();
      await card.getByText('Active', { exact: true }).waitFor();
      await card.getByRole('button', { name: `Set ${rep.name} away` }).click();
      await page
        .locator('.ant-popconfirm')
        .getByText(
          'While away, automatic routing (round robin, least loaded) gives them no new leads',
        )
        .waitFor();
      await settled(page);
      await shot(page, 'people-away-confirm-en-phone', { fullPage: false });
      expect(page.pageErrors).toEqual([]);
    } finally {
      await en.closeAll();
    }
    expect((await directory()).find((p) => p.id === rep.id)?.status).toBe('active');
  }, 180_000);
});
