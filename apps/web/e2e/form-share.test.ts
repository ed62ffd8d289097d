import { describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, newPage, openBrowser, shot, signIn } from './harness/browser';
import { demoServer } from './harness/server';

const server = demoServer();

describe('form share page /forms/:form/share', () => {
  for (const locale of ['zh-CN', 'en'] as const) {
    it(`gives a builder the tagged link, a QR code and embed snippets (${locale})`, async () => {
      const browser = await openBrowser(locale);
      try {
        const page = await newPage(browser, DESKTOP);
        const admin = server.login('admin');
        await signIn(page, server.url, admin.login, admin.password);
        // From the menu's public forms list to the form's share page.
        await page.goto(`${server.url}/forms`);
        await page.getByText('/f/apply', { exact: true }).waitFor();
        await shot(page, `form-list-${locale}-desktop`);
        await page
          .getByRole('button', { name: /(Share|分\s?享)$/ })
          .first()
          .click();
        await page.waitForURL(/\/forms\/trial-apply\/share$/);
        const link = page.locator('#share-link');
        await link.waitFor();
        expect(await link.inputValue()).toBe(`${server.url}/f/apply`);
        await page.locator('#share-source').fill('poster');
        await expect.poll(() => link.inputValue()).toBe(`${server.url}/f/apply?utm_source=poster`);
        const qr = page.locator('img[data-link]');
        await expect
          .poll(() => qr.getAttribute('data-link'))
          .toBe(`${server.url}/f/apply?utm_source=poster`);
        expect(await qr.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
        expect(await page.locator('#share-script').inputValue()).toBe(
          `<script src="${server.url}/f/apply/embed.js" async></script>`,
        );
        await shot(page, `form-share-${locale}-desktop`);
        expect(page.pageErrors).toEqual([]);
        const phone = await newPage(browser, PHONE);
        await phone.goto(`${server.url}/forms/trial-apply/share`);
        await phone.locator('img[data-link]').waitFor();
        await shot(phone, `form-share-${locale}-phone`);
        expect(phone.pageErrors).toEqual([]);
      } finally {
        await browser.closeAll();
      }
    });
  }
});
