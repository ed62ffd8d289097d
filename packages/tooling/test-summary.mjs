// Sums vitest JSON reports into the closing line CI reads. A test file that fails to load or
// run has no failing test inside it, so it is counted on its own: otherwise a broken import
// would print "N passed, 0 failed" next to a failing exit code.

/**
 * @param {{ dir: string, report: any | null }[]} packages one entry per package that has a
 *   test script; `report` is its parsed vitest JSON report, or null when none was written
 *   (vitest crashed before reporting).
 * @returns {{ passed: number, failed: number, skipped: number, brokenFiles: string[] }}
 */
export function summarise(packages) {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  const brokenFiles = [];
  for (const { dir, report } of packages) {
    if (!report) {
      brokenFiles.push(`${dir} (no test report: the run crashed)`);
      continue;
    }
    passed += report.numPassedTests ?? 0;
    failed += report.numFailedTests ?? 0;
    skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
    for (const file of report.testResults ?? []) {
      const anyTestFailed = (file.assertionResults ?? []).some((a) => a.status === 'failed');
      if (file.status === 'failed' && !anyTestFailed) brokenFiles.push(file.name);
    }
  }
  return { passed, failed: failed + brokenFiles.length, skipped, brokenFiles };
}

/** The closing line: "N passed, N failed" (failed includes files that failed to load). */
export function closingLine({ passed, failed, skipped, brokenFiles }) {
  const broken = brokenFiles.length
    ? ` (${brokenFiles.length} of them test files that failed to load or run)`
    : '';
  return `${passed} passed, ${failed} failed${broken}${skipped ? `, ${skipped} skipped` : ''}`;
}
