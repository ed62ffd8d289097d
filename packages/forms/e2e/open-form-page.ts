import { launchChromium } from '@trellis/tooling/browser';
import { bundleForBrowser } from '../test/browser-bundle';

/** Chromium with the test form page (form-page.tsx, as the browser tests use it) loaded. */
export async function openFormPage(viewport: { width: number; height: number }) {
  const { script, css } = await bundleForBrowser(new URL('./form-page.tsx', import.meta.url));
  const browser = await launchChromium();
  const page = await browser.newPage();
  await page.setViewportSize(viewport);
  await page.setContent('<!doctype html><html><head></head><body></body></html>');
  await page.addStyleTag({ content: css });
  await page.addScriptTag({ content: script });
  return { browser, page };
}

export type OpenFormPage = Awaited<ReturnType<typeof openFormPage>>;
