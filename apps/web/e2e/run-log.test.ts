import { describe, expect, it } from 'vitest';
import { newPage, openBrowser, shot, signIn } from './harness/browser';
import { demoServer } from './harness/server';

const server = demoServer();

describe('the automation run log', () => {
  it('is in the menu of a manager (monitor) and lists runs with why they did or did not act; a rep has neither', async () => {
    const browser = await openBrowser('en');
    try {
      const page = await newPage(browser);
      const manager = server.login('manager');
      await signIn(page, server.url, manager.login, manager.password);
      await page.getByRole('menuitem', { name: 'Automation log' }).click();
      await page.getByRole('heading', { name: 'Automation log' }).waitFor();
      await page.locator('.ant-table-row').first().waitFor();
      expect(await page.locator('.ant-table-row').first().textContent()).toMatch(
        /Condition (met|not met)|Failed|Error/,
      );
      await shot(page, 'run-log-en-desktop');

      await page.context().clearCookies();
      const rep = server.login('sales');
      await signIn(page, server.url, rep.login, rep.password);
      await page.getByRole('heading', { name: /^Hello, / }).waitFor();
      expect(await page.getByRole('menuitem', { name: 'Automation log' }).count()).toBe(0);
      await page.goto(`${server.url}/automations/runs`);
      await page.getByText('Could not load this').waitFor();
      expect(page.pageErrors).toEqual([]);
    } finally {
      await browser.closeAll();
    }
  }, 240_000);
});
