#!/usr/bin/env node
// Runs every package's vitest suite through turbo, then prints one closing line
// "N passed, N failed" summed over all packages, so CI sees the whole count at the end.
// A test file that fails to load counts as failed (test-summary.mjs). One throwaway PostgreSQL
// serves every package's PostgreSQL suites (vitest-pg-setup.mjs reuses it through
// TRELLIS_TEST_PG_URL instead of starting one per package) and is removed at the end.
//
// Two lanes run side by side: the web app's tests (its browser files run one at a time, each a
// chromium and a server) and every other package one after another. On two cores neither lane
// fills the machine alone: vitest gives a package one worker (cores - 1), so its files run one at
// a time, and a browser file used 0.55-0.78 of a core (docs/contributing.md, "Where the suite's
// time goes"). In one queue the run was the sum of the lanes (stop 29: web 1,875 s, the others
// 2,001 s). The other packages' lane ends first (stop 33: 1,323 s against the web's 1,713 s), so
// then it takes the web files that are left from the tail of the web queue (vitest-queue.mjs), a
// second web vitest with a server and chromium of its own, and both lanes end close together.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { PG_URL_ENV, hasPostgres, startPgServer } from './pg-test-server.mjs';
import { closingLine, summarise } from './test-summary.mjs';
import { CPU_FILE } from './cpu-reporter.mjs';
import { NEAR_TIMEOUT_FILE, nearTimeoutLine } from './near-timeout.mjs';
import { readOrder } from './file-queue.mjs';

const root = new URL('../../', import.meta.url).pathname;
const resultFile = '.vitest-result.json';
// The web files the other lane took from the tail of the queue report here.
const tailResultFile = '.vitest-result-tail.json';
const tailCpuFile = '.vitest-cpu-tail.json';
const tailNearFile = '.vitest-near-timeout-tail.json';
const dirs = ['packages', 'apps', 'templates'].flatMap((group) =>
  existsSync(join(root, group))
    ? readdirSync(join(root, group)).map((d) => join(root, group, d))
    : [],
);
for (const dir of dirs)
  for (const file of [resultFile, tailResultFile, tailCpuFile, NEAR_TIMEOUT_FILE, tailNearFile])
    rmSync(join(dir, file), { force: true });
// TRELLIS_TEST_CPU=<file>: every test file's CPU seconds (cpu-reporter.mjs) are written there.
const cpuOut = process.env.TRELLIS_TEST_CPU;
const cpuReporter = new URL('./cpu-reporter.mjs', import.meta.url).pathname;
// Every passed test over 60 % of its timeout is named at the end (near-timeout.mjs).
const nearReporter = new URL('./near-timeout.mjs', import.meta.url).pathname;
for (const dir of dirs) rmSync(join(dir, CPU_FILE), { force: true });

// The `trellis` command is built once before the lanes: the CLI's and the web app's global setups
// both build it when it is not current, and two builds at once would swap apps/cli/dist under
// servers the other lane is running.
const cliBuild = spawnSync(process.execPath, [join(root, 'apps', 'cli', 'scripts', 'build.mjs')], {
  stdio: 'inherit',
});
if (cliBuild.status !== 0) process.exit(1);

const pgServer = hasPostgres() && !process.env[PG_URL_ENV] ? await startPgServer() : null;
const env = pgServer ? { ...process.env, [PG_URL_ENV]: pgServer.url } : process.env;
const WEB = '@trellis/web';
/** Runs the test task of the packages `filter` selects through turbo; resolves its exit code. */
function turboTest(filter) {
  const args = ['exec', 'turbo', 'run', 'test', `--filter=${filter}`, '--concurrency=1'];
  const reporters = [
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${resultFile}`,
    `--reporter=${nearReporter}`,
  ];
  if (cpuOut) reporters.push(`--reporter=${cpuReporter}`);
  const child = spawn('pnpm', [...args, '--continue', '--', ...reporters], {
    cwd: root,
    stdio: 'inherit',
    env,
  });
  return new Promise((resolve) => child.once('exit', (code) => resolve(code ?? 1)));
}

const web = join(root, 'apps', 'web');
const queue = mkdtempSync(join(tmpdir(), 'trellis-web-queue-'));
let webHeadRunning = true;
let tailStarted = false;
/** The web suite from one end of the queue (vitest-queue.mjs); resolves its exit code. */
function webQueue(/** @type {'head' | 'tail'} */ end) {
  const [json, cpu, near] =
    end === 'head'
      ? [resultFile, CPU_FILE, NEAR_TIMEOUT_FILE]
      : [tailResultFile, tailCpuFile, tailNearFile];
  const args = [
    new URL('./vitest-queue.mjs', import.meta.url).pathname,
    `--end=${end}`,
    `--queue=${queue}`,
    `--json=${json}`,
    `--near=${near}`,
    `--seconds=${join(web, 'e2e', 'harness', 'file-seconds.json')}`,
    ...(cpuOut ? [`--cpu=${cpu}`] : []),
  ];
  return run(process.execPath, args, web, `${WEB}:${end === 'head' ? 'test' : 'tail'}: `);
}
/** Runs a command, each output line prefixed as turbo does; resolves its exit code. */
function run(command, args, cwd, prefix) {
  const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  for (const [from, to] of [
    [child.stdout, process.stdout],
    [child.stderr, process.stderr],
  ]) {
    let rest = '';
    from.setEncoding('utf8');
    from.on('data', (chunk) => {
      const lines = (rest + chunk).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) to.write(`${prefix}${line}\n`);
    });
    from.on('end', () => rest && to.write(`${prefix}${rest}\n`));
  }
  return new Promise((resolve) => child.once('close', (code) => resolve(code ?? 1)));
}
const webLane = (async () => {
  const build = await run(
    process.execPath,
    [join(web, 'scripts', 'build-once.mjs')],
    web,
    `${WEB}:build: `,
  );
  const code = build === 0 ? await webQueue('head') : build;
  webHeadRunning = false;
  return code;
})();
const otherLane = (async () => {
  const code = await turboTest(`!${WEB}`);
  // The head publishes its order before its first file; a head still setting up has it soon.
  while (webHeadRunning && !readOrder(queue)) await new Promise((r) => setTimeout(r, 500));
  if (!webHeadRunning) return code;
  tailStarted = true;
  const tail = await webQueue('tail');
  return code || tail;
})();
let codes;
try {
  codes = await Promise.all([webLane, otherLane]);
} finally {
  pgServer?.stop();
  rmSync(queue, { recursive: true, force: true });
}

const packages = dirs
  .filter(
    (dir) =>
      existsSync(join(dir, 'package.json')) &&
      JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).scripts?.test,
  )
  .map((dir) => ({ dir: relative(root, dir), report: takeJson(join(dir, resultFile)) }));
// A tail that started and wrote no report crashed, and the files it took are not counted.
if (tailStarted)
  packages.push({ dir: 'apps/web (tail)', report: takeJson(join(web, tailResultFile)) });
if (cpuOut) writeCpuCounts(cpuOut);
const summary = summarise(packages);
for (const line of nearTimeoutLines()) console.log(line);
for (const test of summary.flakyTests) console.log(`passed only on its retry: ${test}`);
for (const test of summary.failedTests) console.log(`failed: ${test}`);
for (const file of summary.brokenFiles) console.log(`failed to load or run: ${file}`);
console.log(`\n${closingLine(summary)}`);
process.exit(codes.every((c) => c === 0) && summary.failed === 0 ? 0 : 1);

/** A report file's JSON, removed after reading; null when there is none. */
function takeJson(file) {
  if (!existsSync(file)) return null;
  const json = JSON.parse(readFileSync(file, 'utf8'));
  rmSync(file, { force: true });
  return json;
}

/** The tests that passed near their timeout, in every package and both ends of the web queue. */
function nearTimeoutLines() {
  return [
    ...dirs.map((dir) => ({
      dir: relative(root, dir),
      near: takeJson(join(dir, NEAR_TIMEOUT_FILE)),
    })),
    { dir: relative(root, web), near: takeJson(join(web, tailNearFile)) },
  ].flatMap(({ dir, near }) => (near ?? []).map((n) => nearTimeoutLine(dir, n)));
}

/** Gathers the packages' CPU counts into `out` and names the costliest files in the log. */
function writeCpuCounts(out) {
  const counts = [
    ...dirs.map((dir) => ({ dir: relative(root, dir), report: takeJson(join(dir, CPU_FILE)) })),
    { dir: 'apps/web (tail)', report: takeJson(join(web, tailCpuFile)) },
  ].flatMap(({ dir, report }) => (report ? [{ dir, ...report }] : []));
  writeFileSync(out, `${JSON.stringify(counts, null, 2)}\n`);
  for (const { dir, cpuSeconds, wallSeconds, counted } of counts)
    console.log(`cpu: ${cpuSeconds} s in ${wallSeconds} s  ${dir} (${counted})`);
  const files = counts.flatMap(({ dir, files }) => files.map((f) => ({ ...f, dir })));
  for (const f of files.sort((a, b) => b.cpuSeconds - a.cpuSeconds).slice(0, 15))
    console.log(`cpu: ${f.cpuSeconds} s  ${f.dir}/${f.file}${f.project ? ` (${f.project})` : ''}`);
}
