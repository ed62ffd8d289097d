import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from '@trellis/tooling/browser';
import { bundleForBrowser } from '../test/browser-bundle';

type Viewport = { width: number; height: number };

/** Chromium with the test form page (form-page.tsx, as the browser tests use it) loaded. */
async function openFormPage(viewport: Viewport) {
  const { script, css } = await bundleForBrowser(new URL('./form-page.tsx', import.meta.url));
  const browser = await launchChromium();
  const page = await browser.newPage();
  await page.setViewportSize(viewport);
  await page.setContent('<!doctype html><html><head></head><body></body></html>');
  await page.addStyleTag({ content: css });
  await page.addScriptTag({ content: script });
  return { browser, page };
}

type OpenFormPage = Awaited<ReturnType<typeof openFormPage>>;
type Page = OpenFormPage['page'];

/**
 * The test form page of a browser-test file: opened once before its tests at `viewport`, its
 * chromium closed after them. Called at the top of the file; what it returns stands for the page
 * (a playwright Page) from the moment the file's tests run.
 */
export function pageForFile(viewport: Viewport): Page {
  let opened: OpenFormPage | undefined;
  beforeAll(async () => {
    opened = await openFormPage(viewport);
  }, 120_000);
  afterAll(() => opened?.browser.closeAll());
  return new Proxy({} as Page, {
    get(_, key) {
      if (!opened) throw new Error(`the form page is not open yet (page.${String(key)})`);
      const value = Reflect.get(opened.page, key) as unknown;
      return typeof value === 'function' ? value.bind(opened.page) : value;
    },
  });
}
