import { describe, expect, it } from 'vitest';
import { newPage, openBrowser, shot, signIn, PHONE } from './harness/browser';
import { demoServer } from './harness/server';

const server = demoServer();

describe('sign in', () => {
  it('greets a zh-CN browser in Chinese, refuses a wrong password with the server message, then signs in', async () => {
    const browser = await openBrowser('zh-CN');
    try {
      const page = await newPage(browser);
      await page.goto(`${server.url}/`);
      await page.waitForURL(/\/login/);
      await expect.poll(() => page.locator('h4').first().textContent()).toBe('登录');
      await shot(page, 'login-zh-CN-desktop');
      const rep = server.login('sales');
      await page.locator('#login').fill(rep.login);
      await page.locator('#password').fill('wrong-password');
      await page.locator('button[type=submit]').click();
      const alert = page.getByRole('alert');
      await alert.waitFor();
      expect(await alert.textContent()).toMatch(/[\u4e00-\u9fff]/);
      await page.locator('#password').fill(rep.password);
      await page.locator('button[type=submit]').click();
      await page.waitForURL((url) => url.pathname === '/');
      await expect.poll(() => page.locator('h3').first().textContent()).toMatch(/^你好，/);
      expect(page.pageErrors).toEqual([]);
    } finally {
      await browser.closeAll();
    }
  });

  it('remembers a switch to English and comes back to the page asked for after sign-in', async () => {
    const browser = await openBrowser('zh-CN');
    try {
      const page = await newPage(browser, PHONE);
      await page.goto(`${server.url}/inbox`);
      await page.waitForURL(/\/login\?next=%2Finbox/);
      await page.getByText('English').click();
      await expect.poll(() => page.locator('h4').first().textContent()).toBe('Sign in');
      await shot(page, 'login-en-phone');
      await page.reload();
      await expect.poll(() => page.locator('h4').first().textContent()).toBe('Sign in');
      const rep = server.login('sales');
      await signIn(page, null, rep.login, rep.password);
      expect(new URL(page.url()).pathname).toBe('/inbox');
    } finally {
      await browser.closeAll();
    }
  });
});
