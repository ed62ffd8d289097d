#!/usr/bin/env node
// Runs every package's vitest suite through turbo, then prints one closing line
// "N passed, N failed" summed over all packages, so CI sees the whole count at the end.
// A test file that fails to load counts as failed (test-summary.mjs). One throwaway PostgreSQL
// serves every package's PostgreSQL suites (vitest-pg-setup.mjs reuses it through
// TRELLIS_TEST_PG_URL instead of starting one per package) and is removed at the end.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PG_URL_ENV, hasPostgres, startPgServer } from './pg-test-server.mjs';
import { closingLine, summarise } from './test-summary.mjs';

const root = new URL('../../', import.meta.url).pathname;
const resultFile = '.vitest-result.json';
const dirs = ['packages', 'apps', 'templates'].flatMap((group) =>
  existsSync(join(root, group))
    ? readdirSync(join(root, group)).map((d) => join(root, group, d))
    : [],
);
for (const dir of dirs) rmSync(join(dir, resultFile), { force: true });

const pgServer = hasPostgres() && !process.env[PG_URL_ENV] ? await startPgServer() : null;
const env = pgServer ? { ...process.env, [PG_URL_ENV]: pgServer.url } : process.env;
let run;
try {
  run = spawnSync(
    'pnpm',
    [
      'exec',
      'turbo',
      'run',
      'test',
      '--concurrency=1',
      '--continue',
      '--',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${resultFile}`,
    ],
    { cwd: root, stdio: 'inherit', env },
  );
} finally {
  pgServer?.stop();
}

const packages = dirs
  .filter(
    (dir) =>
      existsSync(join(dir, 'package.json')) &&
      JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).scripts?.test,
  )
  .map((dir) => {
    const file = join(dir, resultFile);
    if (!existsSync(file)) return { dir: relative(root, dir), report: null };
    const report = JSON.parse(readFileSync(file, 'utf8'));
    rmSync(file, { force: true });
    return { dir: relative(root, dir), report };
  });
const summary = summarise(packages);
for (const test of summary.flakyTests) console.log(`passed only on its retry: ${test}`);
for (const test of summary.failedTests) console.log(`failed: ${test}`);
for (const file of summary.brokenFiles) console.log(`failed to load or run: ${file}`);
console.log(`\n${closingLine(summary)}`);
process.exit(run.status === 0 && summary.failed === 0 ? 0 : 1);
