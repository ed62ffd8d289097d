// The PostgreSQL test server's busy sessions as pg-watch-setup.mjs last printed them for the
// running test, so a test's own error can carry them (a statement timeout says only that it
// fired, not what the statement waited on). Kept on globalThis: the setup file and a test file
// may each load their own copy of this module.
const KEY = Symbol.for('trellis.pgActivity');

/** @param {string | null} report */
export function rememberPgActivity(report) {
  /** @type {any} */ (globalThis)[KEY] = report;
}

/** @returns {string | null} */
export function lastPgActivity() {
  return /** @type {any} */ (globalThis)[KEY] ?? null;
}
