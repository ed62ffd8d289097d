import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newPage, openBrowser, PHONE, shot } from './harness/browser';
import { removeAllUsers } from './harness/no-users';
import { startTrellis, type RunningTrellis } from './harness/trellis';

// A server of its own: the shared demo server has its users, and this one must start with none.
let server: RunningTrellis;
beforeAll(async () => {
  server = await startTrellis({ demo: false, beforeStart: removeAllUsers });
}, 180_000);
afterAll(async () => server?.stop());

describe('first-run setup', () => {
  it('zh-CN: with no account the app asks for the admin, refuses a weak password next to its field, then signs the new admin in', async () => {
    const browser = await openBrowser('zh-CN');
    const other = await openBrowser('zh-CN');
    try {
      const page = await newPage(browser);
      // Any address leads to the setup page while nobody can sign in.
      await page.goto(`${server.url}/records/lead`);
      await page.waitForURL(/\/setup$/);
      await page.getByText('首次设置').first().waitFor();
      await shot(page, 'setup-zh-CN-desktop');

      await page.getByLabel('姓名').fill('吴老师');
      await page.getByLabel('账号').fill('wu.admin');
      await page.getByLabel('密码', { exact: true }).fill('password123');
      await page.getByLabel('确认密码').fill('password124');
      await page.getByRole('button', { name: '创建管理员并进入' }).click();
      // The form's own check first: the two passwords differ.
      await page.getByText('两次输入的密码不一致').waitFor();
      // Then the server's: a common password, said in Chinese under the password field.
      await page.getByLabel('确认密码').fill('password123');
      await page.getByRole('button', { name: '创建管理员并进入' }).click();
      const passwordItem = page
        .locator('.ant-form-item')
        .filter({ has: page.locator('#password') });
      const refusal = passwordItem.locator('.ant-form-item-explain-error');
      await refusal.waitFor();
      expect(await refusal.innerText()).toMatch(/[\u4e00-\u9fff]/);
      expect(await (await fetch(`${server.url}/api/v1/setup`)).json()).toEqual({ needed: true });

      const password = 'trellis-first-admin-7';
      await page.getByLabel('密码', { exact: true }).fill(password);
      await page.getByLabel('确认密码').fill(password);
      await page.getByRole('button', { name: '创建管理员并进入' }).click();
      // Signed in at once, on the admin's workbench, the name in the greeting.
      await page.waitForURL((url) => url.pathname === '/');
      await page.getByRole('heading', { name: '你好，吴老师' }).waitFor();
      const me = await page.evaluate(async () => (await fetch('/api/v1/me')).json());
      expect(me).toMatchObject({ user: { login: 'wu.admin', role: 'admin' } });
      await shot(page, 'setup-done-zh-CN-desktop');

      // Setup is over: the server says so, and another browser meets the sign-in page, where
      // the new account works.
      expect(await (await fetch(`${server.url}/api/v1/setup`)).json()).toEqual({ needed: false });
      const second = await newPage(other, PHONE);
      await second.goto(`${server.url}/setup`);
      await second.getByLabel('姓名').fill('冒名者');
      await second.getByLabel('账号').fill('intruder');
      await second.getByLabel('密码', { exact: true }).fill(password);
      await second.getByLabel('确认密码').fill(password);
      await second.getByRole('button', { name: '创建管理员并进入' }).click();
      await second.waitForURL(/\/login/);
      // The sign-in page itself (the setup form, leaving, has fields with the same ids).
      await second.getByRole('heading', { name: '登录', exact: true }).waitFor();
      await second.locator('#login').fill('wu.admin');
      await second.locator('#password').fill(password);
      await second.locator('button[type=submit]').click();
      await second.getByRole('heading', { name: '你好，吴老师' }).waitFor();
      const users = await second.evaluate(async () => (await fetch('/api/v1/users')).json());
      expect((users as { items: { login: string }[] }).items.map((u) => u.login)).toEqual([
        'wu.admin',
      ]);
      expect(page.pageErrors).toEqual([]);
      expect(second.pageErrors).toEqual([]);
    } finally {
      await other.closeAll();
      await browser.closeAll();
    }
  }, 180_000);
});
