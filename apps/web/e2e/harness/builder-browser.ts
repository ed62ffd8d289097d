import type { BrowserContext, Page } from 'playwright-core';
import { DESKTOP, newPage, openBrowser, shot } from './browser';
import type { BuilderLang } from './builder-steps';

type TestPage = Page & { pageErrors: string[] };

/**
 * Runs one builder browser test: opens chromium in `locale` and a page at `viewport`, runs
 * `steps`, and whatever happens closes the browser. When a step fails, the page as it was is
 * saved as e2e/artifacts/<name>-failed.png first (the error message alone seldom says which
 * popover was open or what the page showed), and `cleanUp` runs after the steps either way
 * (a test that may leave a draft discards it, so a retry starts from the published spec).
 */
export async function inBuilderBrowser(
  name: string,
  {
    locale,
    viewport = DESKTOP,
    cleanUp,
  }: {
    locale: BuilderLang;
    viewport?: { width: number; height: number };
    cleanUp?: (page: TestPage) => Promise<unknown>;
  },
  steps: (page: TestPage, browser: BrowserContext) => Promise<void>,
): Promise<void> {
  const browser = await openBrowser(locale);
  try {
    const page = await newPage(browser, viewport);
    try {
      await steps(page, browser);
    } catch (e) {
      await shot(page, `${name}-failed`).catch(() => undefined);
      throw e;
    } finally {
      await cleanUp?.(page).catch(() => undefined);
    }
  } finally {
    await browser.closeAll();
  }
}
