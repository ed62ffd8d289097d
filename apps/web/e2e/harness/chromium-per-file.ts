import type { Browser } from 'playwright-core';

// One chromium for the whole browser-test run (global-setup.ts starts it; tooling's
// chromium-server.mjs): a test file connects to it once and each test gets a fresh context of it
// (its own cookies, storage and locale) instead of launching chromium with a fresh profile of its
// own. A launch took 5.1–5.7 s and a context 1.1–1.3 s (load 8), paid once per test and again per
// locale a test visits; launching once per file still cost 87 launches a run. Closing the file's
// connection closes every context the file opened, so none outlives it. This module imports no
// playwright so that the setup file that turns it on (file-setup.ts) costs the web app's
// unit-test files nothing.

let shared = false;
let connected: Promise<Browser> | undefined;

/** Turns sharing on for the test file being run (file-setup.ts; benches keep a launch each). */
export function shareChromiumInThisFile(): void {
  shared = true;
}

/** The file's connection to chromium, made on first use (again if it went away), or null when not shared. */
export async function sharedChromium(connect: () => Promise<Browser>): Promise<Browser | null> {
  if (!shared) return null;
  const current = connected && (await connected.catch(() => undefined));
  if (current?.isConnected()) return current;
  connected = connect();
  return connected;
}

/** Closes the file's connection and the contexts it opened (the file's last hook). */
export async function closeSharedChromium(): Promise<void> {
  const browser = await connected?.catch(() => undefined);
  connected = undefined;
  await browser?.close();
}
