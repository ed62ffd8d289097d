import type { Browser } from 'playwright-core';

// One chromium per browser-test file: each test gets a fresh context of it (its own cookies,
// storage and locale) instead of launching chromium with a fresh profile of its own. A launch
// took 5.1–5.7 s and a context 1.1–1.3 s (load 8; tooling bench in the commit), paid once per
// test and again per locale a test visits. This module imports no playwright so that the setup
// file that turns it on (file-setup.ts) costs the web app's unit-test files nothing.

let shared = false;
let launched: Promise<Browser> | undefined;

/** Turns sharing on for the test file being run (file-setup.ts; benches keep a launch each). */
export function shareChromiumInThisFile(): void {
  shared = true;
}

/** The file's chromium, launched on first use (again if it went away), or null when not shared. */
export async function sharedChromium(launch: () => Promise<Browser>): Promise<Browser | null> {
  if (!shared) return null;
  const current = launched && (await launched.catch(() => undefined));
  if (current?.isConnected()) return current;
  launched = launch();
  return launched;
}

/** Closes the file's chromium, if one was launched (the file's last hook). */
export async function closeSharedChromium(): Promise<void> {
  const browser = await launched?.catch(() => undefined);
  launched = undefined;
  await browser?.close();
}
