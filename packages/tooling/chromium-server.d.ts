import type { Browser } from 'playwright-core';

export declare const CHROMIUM_WS_ENV: string;
/** Starts the run's chromium (TRELLIS_CHROMIUM_WS); resolves to its stop function. */
export declare function startChromiumServer(): Promise<() => Promise<void>>;
/** The run's chromium when a global setup started one, else one of this process's own. */
export declare function runChromium(): Promise<Browser>;
