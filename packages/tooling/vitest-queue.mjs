#!/usr/bin/env node
// Runs a package's vitest suite from one end of a queue of its test files that another process
// of this script shares (file-queue.mjs): `pnpm test` runs the web app's files with the head end
// from the start and the tail end once every other package's suite is done (run-tests.mjs).
//
//   node vitest-queue.mjs --end=head|tail --queue=<dir> --json=<file> [--cpu=<file>]
//                         [--near=<file>] [--seconds=<file>] [filters…]
//
// Run in the package's directory, with its vitest config, as `vitest run` would. Each file is a
// run of its own in one vitest (one global setup, one server, one chromium for all of them);
// `--json` is the JSON report of every file this end ran, as `--reporter=json` writes it;
// `--cpu` adds the CPU reporter (cpu-reporter.mjs), `--near` the near-timeout one
// (near-timeout.mjs); `--seconds` is each file's seconds in an
// earlier run (longest first; the head orders the queue); filters pick files as `vitest run`'s do.
import { relative, resolve } from 'node:path';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { createVitest, JsonReporter } from 'vitest/node';
import CpuReporter from './cpu-reporter.mjs';
import NearTimeoutReporter from './near-timeout.mjs';
import { longestFirst, publishOrder, queueEnd, readOrder } from './file-queue.mjs';

const { values: args, positionals: filters } = parseArgs({
  allowPositionals: true,
  options: {
    end: { type: 'string' },
    queue: { type: 'string' },
    json: { type: 'string' },
    cpu: { type: 'string' },
    near: { type: 'string' },
    seconds: { type: 'string' },
  },
});
if ((args.end !== 'head' && args.end !== 'tail') || !args.queue || !args.json) {
  console.error(
    'usage: vitest-queue.mjs --end=head|tail --queue=<dir> --json=<file> [--cpu=<file>]',
  );
  process.exit(2);
}
const { end, queue } = args;

// What `vitest run` sets before it loads a config (vitest's prepareVitest).
process.env.TEST = 'true';
process.env.VITEST = 'true';
process.env.NODE_ENV ??= 'test';

const cpu = args.cpu ? new CpuReporter({ outputFile: args.cpu, manyRuns: true }) : null;
const near = args.near ? new NearTimeoutReporter({ outputFile: args.near }) : null;
const vitest = await createVitest('test', {
  watch: false,
  reporters: ['default', ...(cpu ? [cpu] : []), ...(near ? [near] : [])],
  // Two processes writing one results cache would each drop the other's files from it.
  ...(end === 'tail' ? { cache: false } : {}),
});
await vitest.standalone(); // reporters' onInit and the test files, without running them
const root = vitest.config.root;
const specs = new Map(
  (await vitest.globTestSpecifications(filters)).map((spec) => [
    relative(root, spec.moduleId),
    spec,
  ]),
);

let order = readOrder(queue);
if (end === 'head') {
  const seconds = args.seconds ? JSON.parse(readFileSync(resolve(args.seconds), 'utf8')) : {};
  order = longestFirst([...specs.keys()], seconds);
  publishOrder(queue, order);
}
// run-tests.mjs starts the tail after the head has published; wait anyway rather than fail.
while (!order) {
  await sleep(500);
  order = readOrder(queue);
}

const files = queueEnd(queue, order, end);
for (let file = files.next(); file !== null; file = files.next()) {
  const spec = specs.get(file);
  // The two ends glob the same files; one the other does not know is named, not skipped.
  if (!spec) throw new Error(`vitest-queue: ${file} is not a test file of ${root}`);
  await vitest.runTestSpecifications([spec]);
}

const modules = vitest.state.getTestModules();
const json = new JsonReporter({ outputFile: args.json });
json.onInit(vitest);
await json.onTestRunEnd(modules);
await vitest.close(); // global teardown: the server and chromium of this end
cpu?.release();
const failed = modules.filter((m) => !m.ok()).length;
console.log(`vitest-queue (${end}): ${modules.length} files, ${failed} failed`);
process.exit(failed > 0 || vitest.state.getUnhandledErrors().length > 0 ? 1 : 0);
