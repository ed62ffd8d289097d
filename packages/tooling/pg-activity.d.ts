/** Keeps the watcher's latest print of the test server's busy sessions (null: none yet). */
export declare function rememberPgActivity(report: string | null): void;
/** The watcher's latest print for the running test, or null when the test has not run 30 s. */
export declare function lastPgActivity(): string | null;
