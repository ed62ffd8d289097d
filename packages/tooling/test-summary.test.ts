import { describe, expect, it } from 'vitest';
import { closingLine, summarise } from './test-summary.mjs';

const passingFile = {
  name: '/r/a.test.ts',
  status: 'passed',
  assertionResults: [{ status: 'passed' }],
};
const report = (files: unknown[], counts: Record<string, number>) => ({
  testResults: files,
  ...counts,
});

describe('summarise', () => {
  it('counts a test file that failed to load as failed', () => {
    const broken = {
      name: '/r/b.test.ts',
      status: 'failed',
      message: "Cannot find module './x'",
      assertionResults: [],
    };
    const s = summarise([
      {
        dir: 'packages/logic',
        report: report([passingFile, broken], { numPassedTests: 1, numFailedTests: 0 }),
      },
    ]);
    expect(s.failed).toBe(1);
    expect(s.brokenFiles).toEqual(['/r/b.test.ts']);
    expect(closingLine(s)).toBe(
      '1 passed, 1 failed (1 of them test files that failed to load or run)',
    );
  });

  it('does not count a file twice when its own tests failed', () => {
    const failing = {
      name: '/r/c.test.ts',
      status: 'failed',
      assertionResults: [{ status: 'failed' }, { status: 'passed' }],
    };
    const s = summarise([
      { dir: 'p', report: report([failing], { numPassedTests: 1, numFailedTests: 1 }) },
    ]);
    expect(s).toMatchObject({ passed: 1, failed: 1, brokenFiles: [] });
  });

  it('names each failed test with the first line of its error', () => {
    const failing = {
      name: '/r/d.test.ts',
      status: 'failed',
      assertionResults: [
        {
          status: 'failed',
          fullName: 'list > opens a lead',
          failureMessages: ['\nAssertionError: expected 0 to be 3\n    at d.test.ts:12'],
        },
        { status: 'passed', fullName: 'list > filters' },
      ],
    };
    const s = summarise([
      { dir: 'p', report: report([failing], { numPassedTests: 1, numFailedTests: 1 }) },
    ]);
    expect(s.failedTests).toEqual([
      '/r/d.test.ts > list > opens a lead: AssertionError: expected 0 to be 3',
    ]);
  });

  it('says a test timed out where vitest names the timeout STACK_TRACE_ERROR', () => {
    const failing = {
      name: '/r/t.test.ts',
      status: 'failed',
      assertionResults: [
        {
          status: 'failed',
          fullName: 'walk > pages exactly',
          duration: 30_012,
          failureMessages: ['Error: STACK_TRACE_ERROR\n    at t.test.ts:90'],
        },
      ],
    };
    const s = summarise([{ dir: 'p', report: report([failing], { numFailedTests: 1 }) }]);
    expect(s.failedTests).toEqual([
      '/r/t.test.ts > walk > pages exactly: Error: timed out after 30012 ms',
    ]);
  });

  it('names each attempt’s first error line of a test that failed its retry too', () => {
    const failing = {
      name: '/r/f.test.ts',
      status: 'failed',
      assertionResults: [
        {
          status: 'failed',
          fullName: 'fields > archives a field',
          failureMessages: [
            'TimeoutError: locator.waitFor: Timeout 30000ms exceeded.\n    at f.test.ts:288',
            'TimeoutError: locator.click: Timeout 30000ms exceeded.\n    at f.test.ts:270',
          ],
        },
      ],
    };
    const s = summarise([{ dir: 'p', report: report([failing], { numFailedTests: 1 }) }]);
    expect(s.failedTests).toEqual([
      '/r/f.test.ts > fields > archives a field: TimeoutError: locator.waitFor: Timeout 30000ms exceeded. — then: TimeoutError: locator.click: Timeout 30000ms exceeded.',
    ]);
  });

  it('names a test that passed only on its retry, and counts it in the closing line', () => {
    const retried = {
      name: '/r/e.test.ts',
      status: 'passed',
      assertionResults: [
        {
          status: 'passed',
          fullName: 'board > moves a card',
          failureMessages: [
            'TimeoutError: locator.click: Timeout 5000ms exceeded.\n    at e.test.ts:30',
          ],
        },
        { status: 'passed', fullName: 'board > opens', failureMessages: [] },
      ],
    };
    const s = summarise([{ dir: 'p', report: report([retried], { numPassedTests: 2 }) }]);
    expect(s.flakyTests).toEqual([
      '/r/e.test.ts > board > moves a card: TimeoutError: locator.click: Timeout 5000ms exceeded.',
    ]);
    expect(closingLine(s)).toBe('2 passed (1 of them only on a retry), 0 failed');
  });

  it('counts a package whose run wrote no report as failed', () => {
    const s = summarise([
      { dir: 'packages/a', report: report([passingFile], { numPassedTests: 3 }) },
      { dir: 'packages/b', report: null },
    ]);
    expect(s.passed).toBe(3);
    expect(s.failed).toBe(1);
    expect(s.brokenFiles[0]).toContain('packages/b');
  });

  it('sums passed, failed and skipped over packages', () => {
    const s = summarise([
      {
        dir: 'a',
        report: report([], { numPassedTests: 5, numFailedTests: 0, numPendingTests: 1 }),
      },
      { dir: 'b', report: report([], { numPassedTests: 2, numFailedTests: 0, numTodoTests: 2 }) },
    ]);
    expect(closingLine(s)).toBe('7 passed, 0 failed, 3 skipped');
  });
});
