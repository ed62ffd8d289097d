// A vitest reporter that notes each passed test whose run took over 60 % of its own timeout, so
// the next test about to time out in CI is named in the log before it fails: CI at aa6d855 failed
// on a test that took ~5 s alone and passed the default 30 s in the whole suite's run (both lanes
// busy on two cores stretch a test 4-6×). `pnpm test` adds it to every vitest (run-tests.mjs).
// A `beforeAll` (a file's server, a seeded database) or `beforeEach` hook is read against its own
// timeout the same way: its start and end come as events, its timeout from near-timeout-setup.mjs.
import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { performance } from 'node:perf_hooks';

/** Where each package's notes go before run-tests.mjs gathers them. */
export const NEAR_TIMEOUT_FILE = '.vitest-near-timeout.json';

/** The share of its timeout over which a passed test is named. */
const NEAR_SHARE = 0.6;

/**
 * @typedef {{ file: string, project?: string, test: string, seconds: number, timeoutSeconds: number }} NearTimeout
 */

/**
 * A test's timeout: its own (`it(…, fn, ms)`, `{ timeout }`), which the runner fills in from the
 * project's `testTimeout` when the test names none.
 * @param {any} testCase vitest's reported TestCase
 * @returns {number | undefined}
 */
function timeoutOf(testCase) {
  return testCase.task?.timeout ?? testCase.project?.config?.testTimeout;
}

/** The setup file that notes each suite's before hooks' own timeouts in its meta. */
const HOOK_SETUP = new URL('./near-timeout-setup.mjs', import.meta.url).pathname;

/**
 * The longest own timeout of the `name` hooks of `entity` and, for `beforeEach`, of the suites
 * around it (a test's before-each hooks run level by level, each level reported on its own);
 * the project's `hookTimeout` when the setup file did not run; 0 (none) when it noted no timeout.
 * @param {any} entity a TestModule, TestSuite or TestCase
 * @param {'beforeAll' | 'beforeEach'} name
 */
function hookTimeoutOf(entity, name) {
  const own = [];
  let noted = false;
  for (let at = name === 'beforeEach' ? entity.parent : entity; at; at = at.parent) {
    const timeouts = at.meta?.().hookTimeouts?.[name];
    noted ||= timeouts !== undefined;
    own.push(...(timeouts ?? []));
    if (name === 'beforeAll' || at.type === 'module') break;
  }
  // Noted, but none: only hooks without a timeout (the setup file's own).
  if (noted) return own.length ? Math.max(...own) : 0;
  return entity.project?.config?.hookTimeout;
}

export default class NearTimeoutReporter {
  /** @param {{ outputFile?: string, share?: number }} [options] */
  constructor(options = {}) {
    this.outputFile = options.outputFile ?? NEAR_TIMEOUT_FILE;
    this.share = options.share ?? NEAR_SHARE;
    this.root = process.cwd();
    /** @type {NearTimeout[]} */
    this.near = [];
    /** When each running hook group started (performance.now()), by hook name and entity id. */
    this.hookStarts = new Map();
    /** A test's longest level of before-each hooks so far (ms), by test id. */
    this.beforeEach = new Map();
  }

  /** @param {any} vitest */
  onInit(vitest) {
    // Every project's workers run the setup file first (the config is serialized per run).
    for (const project of vitest.projects ?? [])
      if (!project.config.setupFiles.includes(HOOK_SETUP))
        project.config.setupFiles.unshift(HOOK_SETUP);
  }

  /** @param {{ name: string, entity: any }} hook */
  onHookStart(hook) {
    if (hook.name !== 'beforeAll' && hook.name !== 'beforeEach') return;
    this.hookStarts.set(`${hook.name} ${hook.entity.id}`, performance.now());
  }

  /** @param {{ name: string, entity: any }} hook */
  onHookEnd(hook) {
    const key = `${hook.name} ${hook.entity.id}`;
    const start = this.hookStarts.get(key);
    if (start === undefined) return;
    this.hookStarts.delete(key);
    const ms = performance.now() - start;
    if (hook.name === 'beforeEach') {
      // Named with its test's result: a test that failed is named as one already.
      this.beforeEach.set(hook.entity.id, Math.max(ms, this.beforeEach.get(hook.entity.id) ?? 0));
      return;
    }
    if (hook.entity.task?.result?.hooks?.beforeAll !== 'pass') return;
    const where = hook.entity.type === 'module' ? '' : `${hook.entity.fullName} > `;
    this.note(hook.entity, `${where}beforeAll`, ms, hookTimeoutOf(hook.entity, 'beforeAll'));
  }

  /**
   * Notes `name` of `entity` when `ms` is over the share of `timeout`.
   * @param {any} entity
   * @param {string} name
   * @param {number | undefined} ms
   * @param {number | undefined} timeout
   */
  note(entity, name, ms, timeout) {
    // A timeout of 0 is none (vitest's "no timeout").
    if (ms === undefined || !timeout || ms <= timeout * this.share) return;
    this.near.push({
      file: relative(this.root, entity.module?.moduleId ?? entity.moduleId),
      ...(entity.project?.name ? { project: entity.project.name } : {}),
      test: name,
      seconds: Math.round(ms / 100) / 10,
      timeoutSeconds: Math.round(timeout / 100) / 10,
    });
  }

  /** @param {any} testCase */
  onTestCaseResult(testCase) {
    const hooks = this.beforeEach.get(testCase.id);
    this.beforeEach.delete(testCase.id);
    if (testCase.result().state !== 'passed') return; // a failure is named as one already
    this.note(testCase, testCase.fullName, testCase.diagnostic()?.duration, timeoutOf(testCase));
    const name = `${testCase.fullName} > beforeEach`;
    this.note(testCase, name, hooks, hookTimeoutOf(testCase, 'beforeEach'));
  }

  // Written at the end of every run: vitest-queue.mjs runs each file as a run of its own.
  onTestRunEnd() {
    writeFileSync(this.outputFile, `${JSON.stringify(this.near, null, 2)}\n`);
  }
}

/**
 * The log line for one test near its timeout.
 * @param {string} dir the package's folder
 * @param {NearTimeout} near
 */
export function nearTimeoutLine(dir, near) {
  const share = Math.round((near.seconds / near.timeoutSeconds) * 100);
  const project = near.project ? ` (${near.project})` : '';
  return `near its timeout: ${dir}/${near.file}${project} > ${near.test}: ${near.seconds} s of ${near.timeoutSeconds} s (${share} %)`;
}
