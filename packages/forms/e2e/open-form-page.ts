import { afterAll, beforeAll } from 'vitest';
import { runChromium } from '@trellis/tooling/chromium-server';
import { builtOnce } from './built-once';

type Viewport = { width: number; height: number };

/**
 * The test form page (form-page.tsx, as the browser tests use it) in a fresh context of the run's
 * chromium (vitest.config.ts starts one; tooling/chromium-server.mjs). The page is bundled once
 * per run, not once per file (built-once.ts).
 */
async function openFormPage(viewport: Viewport) {
  const { script, css } = await builtOnce('form-page.tsx');
  const browser = await runChromium();
  const context = await browser.newContext();
  const page = await context.newPage();
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
 * context closed after them (closing the file's connection closes what it opened). Called at the
 * top of the file; what it returns stands for the page (a playwright Page) from the moment the
 * file's tests run.
 */
export function pageForFile(viewport: Viewport): Page {
  let opened: OpenFormPage | undefined;
  beforeAll(async () => {
    opened = await openFormPage(viewport);
  }, 120_000);
  afterAll(() => opened?.browser.close());
  return new Proxy({} as Page, {
    get(_, key) {
      if (!opened) throw new Error(`the form page is not open yet (page.${String(key)})`);
      const value = Reflect.get(opened.page, key) as unknown;
      return typeof value === 'function' ? value.bind(opened.page) : value;
    },
  });
}
