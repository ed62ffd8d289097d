// One chromium for a whole vitest run instead of one per test file: a launch cost 5.1–5.7 s of
// wall time against 1.1–1.3 s for a context (load 8), and a browser-test run had 87 files. The
// run's global setup starts it (`startChromiumServer`) and passes its address down in
// TRELLIS_CHROMIUM_WS, as the PostgreSQL setup passes its URL; a test file connects to it
// (`runChromium`) and gives each test a fresh context of its own (cookies, storage, locale).
// Closing a connected browser closes the contexts that file made and leaves the server running.
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH, hasChromium } from './browser.mjs';

export const CHROMIUM_WS_ENV = 'TRELLIS_CHROMIUM_WS';

/**
 * Starts the run's chromium and puts its address in TRELLIS_CHROMIUM_WS (workers inherit it).
 * Without chromium installed nothing starts: the tests that need one fail or skip on their own.
 * @returns {Promise<() => Promise<void>>} stops it and clears the variable
 */
export async function startChromiumServer() {
  if (process.env[CHROMIUM_WS_ENV] || !hasChromium()) return async () => {};
  const server = await chromium.launchServer({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
  });
  process.env[CHROMIUM_WS_ENV] = server.wsEndpoint();
  return async () => {
    delete process.env[CHROMIUM_WS_ENV];
    await server.close();
  };
}

/**
 * The run's chromium when a global setup started one, else a chromium of this process's own.
 * If the run's chromium cannot be reached (it crashed), a file launches its own rather than fail
 * every test after the crash, and says so in the log.
 * @returns {Promise<import('playwright-core').Browser>}
 */
export async function runChromium() {
  const launch = () =>
    chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
  const ws = process.env[CHROMIUM_WS_ENV];
  if (!ws) return launch();
  try {
    return await chromium.connect(ws, { timeout: 30_000 });
  } catch (e) {
    console.warn(`the run's chromium (${ws}) is gone, launching one for this file: ${String(e)}`);
    return launch();
  }
}
