// Added before every test file's own setup by the near-timeout reporter (near-timeout.mjs): a
// reporter sees when a before hook starts and ends, but not the timeout the hook was given
// (`beforeAll(fn, 120_000)`), which only the worker holds. Each suite's before hooks' own
// timeouts go into its meta, which vitest sends to the reporter with the suite's results.
import { beforeAll } from 'vitest';
import { getHooks } from 'vitest/suite';

// Where @vitest/runner keeps a before hook's timeout (for the cleanup the hook may return); the
// hook's default is the project's hookTimeout, so every before hook has one (0: none).
const TIMEOUT = Symbol.for('VITEST_CLEANUP_TIMEOUT');

/** @param {import('vitest').Suite | import('vitest').File} suite */
function noteHookTimeouts(suite) {
  // Undefined if this file's vitest/suite were another copy than the runner's: no note then.
  const hooks = getHooks(suite);
  if (!hooks) return;
  /** @param {Function[]} list */
  const own = (list) =>
    list
      .map((hook) => /** @type {any} */ (hook)[TIMEOUT])
      .filter((t) => typeof t === 'number' && t > 0);
  Object.assign(suite.meta, {
    hookTimeouts: { beforeAll: own(hooks.beforeAll), beforeEach: own(hooks.beforeEach) },
  });
  for (const task of suite.tasks) if (task.type === 'suite') noteHookTimeouts(task);
}

// The file's first before hook: every suite's hooks are registered by then (collection is over),
// and the file's own group of before hooks is still running, so its meta goes out at its end.
// Vitest 4 passes the suite second; the first is the hook's fixtures, none of them wanted here
// (an object pattern, as its fixture parser requires). Its timeout of 0 (none) leaves this hook
// out of the file's: the file's own hooks are what a run can time out on.
// eslint-disable-next-line no-empty-pattern
beforeAll(({}, file) => noteHookTimeouts(file), 0);
