// One way to start a browser for every browser test and benchmark: Debian's chromium driven by
// playwright-core. Never `playwright install` (nothing may download at runtime); the flags keep
// chromium off the network it cannot reach on these machines.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export const CHROMIUM_PATH = process.env.TRELLIS_CHROMIUM ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** True when Debian's chromium is installed (CI installs it; `.ci/run`). */
export function hasChromium() {
  return existsSync(CHROMIUM_PATH);
}

/**
 * Launches headless chromium with a fresh, empty profile that is removed on close.
 * @param {{ args?: string[] }} [options] extra command-line flags
 * @returns {Promise<import('playwright-core').BrowserContext & { closeAll(): Promise<void> }>}
 */
export async function launchChromium(options = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'trellis-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_ARGS, ...(options.args ?? [])],
  });
  return Object.assign(context, {
    async closeAll() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  });
}
