import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { newPage, openBrowser } from './harness/browser';
import { demoServer } from './harness/server';

const server = demoServer();

/** Families of the CJK faces the app's font stacks name or a Linux desktop falls back to. */
const CJK_FACE = /WenQuanYi|PingFang|Hiragino|YaHei|Noto Sans CJK|Source Han/i;

/** The faces chromium actually drew an element's text with (DevTools' "Rendered fonts"). */
async function renderedFaces(page: Page, target: Locator): Promise<string[]> {
  await target.evaluate((el) => el.setAttribute('data-font-probe', ''));
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
    const { nodeId } = await cdp.send('DOM.querySelector', {
      nodeId: root.nodeId,
      selector: '[data-font-probe]',
    });
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
    return fonts.map((f) => f.familyName);
  } finally {
    await cdp.detach();
  }
}

// A CJK face listed before the Latin ones draws Latin letters and punctuation too: an English
// "The owner’s supervisor" showed its apostrophe full-width. Latin text takes a Latin face; Chinese
// text still finds a CJK face by fallback.
describe('font stacks: Latin text in a Latin face, Chinese text in a CJK face', () => {
  for (const locale of ['en', 'zh-CN'] as const) {
    it(`${locale}: the app's sign-in page and the public form page`, async () => {
      const browser = await openBrowser(locale);
      try {
        const page = await newPage(browser);
        await page.goto(`${server.url}/login`);
        const heading = page.getByRole('heading', { name: locale === 'en' ? 'Sign in' : '登录' });
        await heading.waitFor();
        const appFaces = await renderedFaces(page, heading);

        await page.goto(`${server.url}/f/apply`);
        const submit = page.getByRole('button', {
          name: locale === 'en' ? 'Book now' : '立即预约',
        });
        await submit.waitFor();
        const formFaces = await renderedFaces(page, submit);

        for (const faces of [appFaces, formFaces]) {
          expect(faces.length).toBeGreaterThan(0);
          if (locale === 'en') expect(faces.filter((f) => CJK_FACE.test(f))).toEqual([]);
          else expect(faces.some((f) => CJK_FACE.test(f))).toBe(true);
        }
      } finally {
        await browser.closeAll();
      }
    });
  }
});
