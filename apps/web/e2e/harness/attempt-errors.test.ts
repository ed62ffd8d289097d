import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, test } from 'vitest';
import { attemptName } from './attempt-errors';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');
const vitest = join(
  dirname(createRequire(import.meta.url).resolve('vitest/package.json')),
  'vitest.mjs',
);
const scratch = mkdtempSync(join(tmpdir(), 'attempt-errors-'));
const dir = join(scratch, 'attempts');
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

test('keeps each failed attempt of a test that passes on a retry, with its error', () => {
  // The config is read in place (`runner`): bundled, it would leave a node_modules/.vite-temp here.
  const args = [vitest, 'run', 'retried.test.ts', '--configLoader', 'runner'];
  const run = spawnSync(process.execPath, args, {
    cwd: fixtures,
    env: { ...process.env, ATTEMPT_ERRORS_DIR: dir, ATTEMPT_ERRORS_CACHE: join(scratch, 'cache') },
    encoding: 'utf8',
  });
  expect(run.status, run.stdout + run.stderr).toBe(0);
  const name = attemptName('retried.test.ts', 'opens the card (zh-CN)');
  expect(readdirSync(dir).sort()).toEqual([`${name}-attempt1.txt`, `${name}-attempt2.txt`]);
  const first = readFileSync(join(dir, `${name}-attempt1.txt`), 'utf8');
  expect(first).toContain('attempt 1: the card was not open');
  expect(first).not.toContain('attempt 2:');
  expect(readFileSync(join(dir, `${name}-attempt2.txt`), 'utf8')).toContain(
    'attempt 2: the card was not open',
  );
  expect(run.stdout + run.stderr).toContain('attempt 1 failed');
  expect(readdirSync(fixtures).sort()).toEqual(['retried.test.ts', 'vitest.config.ts']);
});

test('names the file after the test file and the test, in letters, digits and dashes', () => {
  expect(attemptName('/a/e2e/builder-field-types.test.ts', 'builds a field (zh-CN)')).toBe(
    'builder-field-types--builds-a-field-zh-CN',
  );
});
