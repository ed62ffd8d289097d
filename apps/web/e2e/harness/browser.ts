import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { launchChromium } from '@trellis/tooling/browser';
import { runChromium } from '@trellis/tooling/chromium-server';
import { sharedChromium } from './chromium-per-file';
import { WEB_DIR } from './trellis';

/** Where screenshots go (test artifacts; not committed). */
const ARTIFACTS = join(WEB_DIR, 'e2e', 'artifacts');

export const DESKTOP = { width: 1366, height: 860 };
export const PHONE = { width: 390, height: 844 };

/**
 * A fresh browser with the browser language set, as a user's would be: in a test file, a new
 * context (own cookies and storage, the locale's navigator.language and Accept-Language) of the
 * run's one chromium (chromium-per-file.ts); elsewhere (benches) Debian chromium launched with
 * `--lang`. `unthrottled` (benches): a chromium of its own whose frames are not held to the
 * display's 60 Hz (no vsync), so the time between two animation frames is the work the page did
 * for it — what a frame-time bench measures (with vsync every frame under 16.7 ms reads as 16.7).
 * `closeAll()` closes what was opened here and nothing the next test needs.
 */
export async function openBrowser(
  locale: 'zh-CN' | 'en',
  { unthrottled = false }: { unthrottled?: boolean } = {},
): Promise<BrowserContext & { closeAll(): Promise<void> }> {
  const shared = unthrottled ? null : await sharedChromium(runChromium);
  if (shared) {
    const context = await shared.newContext({ locale });
    return Object.assign(context, { closeAll: () => context.close() });
  }
  const frames = unthrottled ? ['--disable-gpu-vsync', '--disable-frame-rate-limit'] : [];
  return launchChromium({ args: [`--lang=${locale}`, `--accept-lang=${locale}`, ...frames] });
}

/** A fresh page at a viewport, failing the test on any uncaught page error. */
export async function newPage(
  context: BrowserContext,
  viewport: { width: number; height: number } = DESKTOP,
): Promise<Page & { pageErrors: string[] }> {
  const page = await context.newPage();
  await page.setViewportSize(viewport);
  const pageErrors: string[] = [];
  page.on('pageerror', (err) => pageErrors.push(err.message));
  return Object.assign(page, { pageErrors });
}

/** Signs in through the login page (opened at `baseUrl/login` unless `baseUrl` is null). */
export async function signIn(page: Page, baseUrl: string | null, login: string, password: string) {
  if (baseUrl !== null) await page.goto(`${baseUrl}/login`);
  await page.locator('#login').fill(login);
  await page.locator('#password').fill(password);
  await page.locator('button[type=submit]').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/**
 * Runs `visit` signed in as `user`: in zh-CN on a desktop, then in en on a phone, each in a
 * browser of its own (closed after, whatever happens).
 */
export async function inBothLocales(
  baseUrl: string,
  user: { login: string; password: string },
  visit: (page: Page & { pageErrors: string[] }, locale: 'zh-CN' | 'en') => Promise<void>,
): Promise<void> {
  for (const [locale, viewport] of [
    ['zh-CN', DESKTOP],
    ['en', PHONE],
  ] as const) {
    const browser = await openBrowser(locale);
    try {
      const page = await newPage(browser, viewport);
      await signIn(page, baseUrl, user.login, user.password);
      await visit(page, locale);
    } finally {
      await browser.closeAll();
    }
  }
}

/**
 * Saves a full-page screenshot under e2e/artifacts/<name>.png; `fullPage: false` for what the
 * viewport shows (a drawer is fixed to the viewport: a full page draws it where it was scrolled).
 * A full page is taken from the top and the scroll put back: the sticky header is drawn where
 * the page was scrolled, so a scrolled page's shot showed the header across the content.
 */
export async function shot(
  page: Page,
  name: string,
  { fullPage = true }: { fullPage?: boolean } = {},
): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  if (!fullPage) {
    await page.screenshot({ path });
    return path;
  }
  // Chromium draws a full page by resizing it, and under a focused Ant Design select that resize
  // dropped the value just picked or closed the drawer around it: focus leaves first.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  const y = await page.evaluate(() => window.scrollY);
  if (y > 0) await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path, fullPage });
  if (y > 0) await page.evaluate((top) => window.scrollTo(0, top), y);
  return path;
}

/**
 * Shots of the page at desktop and then phone width (e2e/artifacts/<name>-desktop.png and
 * -phone.png), the desktop width put back after. With `focus` (a drawer's field, say): what the
 * viewport shows, scrolled to it — a drawer is fixed to the viewport, so a full page would draw
 * it where the page was scrolled.
 */
export async function shotAtBothWidths(page: Page, name: string, focus?: Locator): Promise<void> {
  for (const [size, viewport] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    await page.setViewportSize(viewport);
    await focus?.scrollIntoViewIfNeeded();
    await shot(page, `${name}-${size}`, { fullPage: !focus });
  }
  await page.setViewportSize(DESKTOP);
}
