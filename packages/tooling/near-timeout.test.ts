import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import NearTimeoutReporter, { nearTimeoutLine } from './near-timeout.mjs';

const scratch = mkdtempSync(join(tmpdir(), 'near-timeout-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A stand-in for vitest's reported TestCase: what the reporter reads of it. */
function testCase(opts: {
  name: string;
  state?: 'passed' | 'failed';
  ms: number;
  timeout?: number;
  projectTimeout?: number;
}) {
  return {
    fullName: `suite > ${opts.name}`,
    module: { moduleId: join(process.cwd(), 'test', 'a.test.ts') },
    project: { name: '', config: { testTimeout: opts.projectTimeout ?? 30_000 } },
    task: opts.timeout === undefined ? {} : { timeout: opts.timeout },
    result: () => ({ state: opts.state ?? 'passed' }),
    diagnostic: () => ({ duration: opts.ms }),
  };
}

/** Runs a real vitest on `files` in a folder of their own with the reporter (share 0: every
 * passed test and hook is noted, so none needs to take long); its notes and exit code. */
async function runVitest(name: string, files: Record<string, string>) {
  const dir = join(scratch, name);
  mkdirSync(dir);
  const outputFile = join(dir, 'near.json');
  const reporter = new URL('./near-timeout.mjs', import.meta.url).pathname;
  writeFileSync(
    join(dir, 'vitest.config.mjs'),
    `export default { test: { include: ['*.test.mjs'], globals: true, testTimeout: 9_000,
  hookTimeout: 9_500,
  reporters: [[${JSON.stringify(reporter)}, { share: 0, outputFile: ${JSON.stringify(outputFile)} }]] } };\n`,
  );
  // Globals: these files live outside the repository, where `import 'vitest'` resolves nothing.
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
  const vitest = join(
    dirname(createRequire(import.meta.url).resolve('vitest/package.json')),
    'vitest.mjs',
  );
  const child = spawn(process.execPath, [vitest, 'run'], {
    cwd: dir,
    env: { ...process.env, NO_COLOR: '1' },
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const code = await new Promise((resolve) => child.once('close', resolve));
  const near = existsSync(outputFile)
    ? (JSON.parse(readFileSync(outputFile, 'utf8')) as {
        file: string;
        test: string;
        timeoutSeconds: number;
      }[])
    : [];
  return { code, output, near: near.map((n) => [n.file, n.test, n.timeoutSeconds]) };
}

describe('the near-timeout reporter', () => {
  it('names a passed test over 60 % of its own timeout, or of the project’s when it has none', () => {
    const outputFile = join(scratch, 'unit.json');
    const reporter = new NearTimeoutReporter({ outputFile });
    reporter.onTestCaseResult(testCase({ name: 'near', ms: 18_700, timeout: 30_000 }));
    reporter.onTestCaseResult(testCase({ name: 'under', ms: 17_900, timeout: 30_000 }));
    reporter.onTestCaseResult(testCase({ name: 'own', ms: 18_700, timeout: 120_000 }));
    reporter.onTestCaseResult(testCase({ name: 'project', ms: 80_000, projectTimeout: 120_000 }));
    reporter.onTestCaseResult(testCase({ name: 'failed', state: 'failed', ms: 29_000 }));
    reporter.onTestCaseResult(testCase({ name: 'none', ms: 90_000, timeout: 0 }));
    reporter.onTestRunEnd();

    const near = JSON.parse(readFileSync(outputFile, 'utf8'));
    expect(near).toEqual([
      { file: 'test/a.test.ts', test: 'suite > near', seconds: 18.7, timeoutSeconds: 30 },
      { file: 'test/a.test.ts', test: 'suite > project', seconds: 80, timeoutSeconds: 120 },
    ]);
    expect(nearTimeoutLine('packages/store', near[0])).toBe(
      'near its timeout: packages/store/test/a.test.ts > suite > near: 18.7 s of 30 s (62 %)',
    );
    expect(nearTimeoutLine('apps/server', { ...near[1], project: 'postgres' })).toBe(
      'near its timeout: apps/server/test/a.test.ts (postgres) > suite > project: 80 s of 120 s (67 %)',
    );
  });

  it('reads each test’s timeout from a real vitest run: its own, else the config’s', async () => {
    const run = await runVitest('tests', {
      'b.test.mjs': `describe('d', () => {
  test('own', () => {}, 7_000);
  test('options', { timeout: 8_000 }, () => {});
  test('config', () => {});
  test('fails', () => expect(1).toBe(2));
});\n`,
    });
    expect(run.code, run.output).toBe(1); // 'fails' fails
    expect(run.near).toEqual([
      ['b.test.mjs', 'd > own', 7],
      ['b.test.mjs', 'd > options', 8],
      ['b.test.mjs', 'd > config', 9],
    ]);
  }, 60_000);

  it('reads a before hook against its own timeout: the file’s, a suite’s, each level of a test’s', async () => {
    const run = await runVitest('hooks', {
      'c.test.mjs': `beforeAll(() => {}, 6_000);
describe('d', () => {
  beforeAll(() => {});
  beforeEach(() => {}, 4_000);
  describe('inner', () => {
    beforeEach(() => {}, 3_000);
    test('t', () => {});
  });
  test('u', () => {}, 2_000);
  test('fails', () => expect(1).toBe(2));
});\n`,
    });
    expect(run.code, run.output).toBe(1);
    // The suite's beforeAll names no timeout: the config's hookTimeout (9.5 s). A test's
    // before-each levels are read against the longest of theirs (4 s); a failed test's are not named.
    expect(run.near).toEqual([
      ['c.test.mjs', 'beforeAll', 6],
      ['c.test.mjs', 'd > beforeAll', 9.5],
      ['c.test.mjs', 'd > inner > t', 9],
      ['c.test.mjs', 'd > inner > t > beforeEach', 4],
      ['c.test.mjs', 'd > u', 2],
      ['c.test.mjs', 'd > u > beforeEach', 4],
    ]);
  }, 60_000);
});
