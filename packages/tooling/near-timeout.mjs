// A vitest reporter that notes each passed test whose run took over 60 % of its own timeout, so
// the next test about to time out in CI is named in the log before it fails: CI at aa6d855 failed
// on a test that took ~5 s alone and passed the default 30 s in the whole suite's run (both lanes
// busy on two cores stretch a test 4-6×). `pnpm test` adds it to every vitest (run-tests.mjs).
import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';

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

export default class NearTimeoutReporter {
  /** @param {{ outputFile?: string, share?: number }} [options] */
  constructor(options = {}) {
    this.outputFile = options.outputFile ?? NEAR_TIMEOUT_FILE;
    this.share = options.share ?? NEAR_SHARE;
    this.root = process.cwd();
    /** @type {NearTimeout[]} */
    this.near = [];
  }

  /** @param {any} testCase */
  onTestCaseResult(testCase) {
    if (testCase.result().state !== 'passed') return; // a failure is named as one already
    const duration = testCase.diagnostic()?.duration;
    const timeout = timeoutOf(testCase);
    // A timeout of 0 is none (vitest's "no timeout").
    if (duration === undefined || !timeout || duration <= timeout * this.share) return;
    this.near.push({
      file: relative(this.root, testCase.module.moduleId),
      ...(testCase.project.name ? { project: testCase.project.name } : {}),
      test: testCase.fullName,
      seconds: Math.round(duration / 100) / 10,
      timeoutSeconds: Math.round(timeout / 100) / 10,
    });
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
