import type { BrowserContext } from 'playwright-core';

export declare const CHROMIUM_PATH: string;
export declare const CHROMIUM_ARGS: string[];
/** True when Debian's chromium is installed (CI installs it; `.ci/run`). */
export declare function hasChromium(): boolean;
/** Launches headless chromium with a fresh, empty profile that is removed on close. */
export declare function launchChromium(options?: {
  args?: string[];
}): Promise<BrowserContext & { closeAll(): Promise<void> }>;
