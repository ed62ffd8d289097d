// Sums vitest JSON reports into the closing line CI reads. A test file that fails to load or
// run has no failing test inside it, so it is counted on its own: otherwise a broken import
// would print "N passed, 0 failed" next to a failing exit code.

/**
 * @param {{ dir: string, report: any | null }[]} packages one entry per package that has a
 *   test script; `report` is its parsed vitest JSON report, or null when none was written
 *   (vitest crashed before reporting).
 * @returns {{ passed: number, failed: number, skipped: number, brokenFiles: string[], failedTests: string[], flakyTests: string[] }}
 */
export function summarise(packages) {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  const brokenFiles = [];
  // CI shows only the tail of the log: each failing test is named there with its first error line.
  const failedTests = [];
  // A test that passed on its retry keeps the errors of the attempt that failed: a flake, named too.
  const flakyTests = [];
  for (const { dir, report } of packages) {
    if (!report) {
      brokenFiles.push(`${dir} (no test report: the run crashed)`);
      continue;
    }
    passed += report.numPassedTests ?? 0;
    failed += report.numFailedTests ?? 0;
    skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
    for (const file of report.testResults ?? []) {
      const failing = (file.assertionResults ?? []).filter((a) => a.status === 'failed');
      for (const a of failing) failedTests.push(failedTestLine(file.name, a));
      for (const a of file.assertionResults ?? [])
        if (a.status === 'passed' && (a.failureMessages ?? []).length > 0)
          flakyTests.push(failedTestLine(file.name, a));
      const anyTestFailed = failing.length > 0;
      if (file.status === 'failed' && !anyTestFailed) brokenFiles.push(file.name);
    }
  }
  return {
    passed,
    failed: failed + brokenFiles.length,
    skipped,
    brokenFiles,
    failedTests,
    flakyTests,
  };
}

/**
 * Vitest 4 reports a test's timeout with the stack of the error it made in advance, whose first
 * line is this instead of "Test timed out in N ms" (its makeTimeoutError swaps the messages the
 * wrong way round).
 */
const TIMEOUT_STACK = /^Error: STACK_TRACE_ERROR$/;

/**
 * "file > title: first line of the error" for one failed test of a vitest JSON report. A test
 * run again (CI's retry) keeps each attempt's errors in order: the later ones follow as "then: …",
 * since the retry often fails differently (on what the first attempt left behind) and CI's log
 * keeps only the tail.
 */
function failedTestLine(file, assertion) {
  const title =
    assertion.fullName ?? [...(assertion.ancestorTitles ?? []), assertion.title].join(' > ');
  const firstLines = (assertion.failureMessages ?? [])
    .map((message) =>
      String(message)
        .split('\n')
        .find((line) => line.trim() !== '')
        ?.replace(TIMEOUT_STACK, `Error: timed out after ${Math.round(assertion.duration ?? 0)} ms`)
        .trim()
        .slice(0, 300),
    )
    .filter(Boolean);
  const errors = firstLines.join(' — then: ');
  return `${file} > ${title}${errors ? `: ${errors}` : ''}`;
}

/**
 * The closing line: "N passed, N failed" (failed includes files that failed to load).
 * @param {{ passed: number, failed: number, skipped: number, brokenFiles: string[], flakyTests?: string[] }} summary
 */
export function closingLine({ passed, failed, skipped, brokenFiles, flakyTests = [] }) {
  const broken = brokenFiles.length
    ? ` (${brokenFiles.length} of them test files that failed to load or run)`
    : '';
  const flaky = flakyTests.length ? ` (${flakyTests.length} of them only on a retry)` : '';
  return `${passed} passed${flaky}, ${failed} failed${broken}${skipped ? `, ${skipped} skipped` : ''}`;
}
