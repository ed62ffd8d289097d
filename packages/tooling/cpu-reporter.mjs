// A vitest reporter that counts the CPU each test file used: the vitest process and every process
// below it (its workers, the chromiums and servers a file starts), taken at the end of each file.
// Wall time says little on a shared machine; CPU seconds are what two cores can give.
// `pnpm test` adds it when TRELLIS_TEST_CPU names a file to write the counts to (run-tests.mjs).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { relative } from 'node:path';

/** Where each package's counts go before run-tests.mjs gathers them. */
export const CPU_FILE = '.vitest-cpu.json';

/**
 * CPU seconds used so far by process `root` and every process below it: each live process's own
 * and, through `cutime`/`cstime`, its exited children's that it waited for. A process whose parent
 * exited first (a detached server that outlived it) is counted only while it is below `root`.
 * @param {number} [root]
 */
export function treeCpuSeconds(root = process.pid) {
  const children = new Map();
  const ticks = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    let stat;
    try {
      stat = readFileSync(`/proc/${name}/stat`, 'utf8');
    } catch {
      continue; // exited while we looked
    }
    // After the ")" that ends the command name: state, ppid, ... utime (14th field) onward.
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const pid = Number(name);
    ticks.set(pid, Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]));
    const ppid = Number(f[1]);
    children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  }
  let sum = 0;
  const todo = [root];
  while (todo.length > 0) {
    const pid = /** @type {number} */ (todo.pop());
    sum += ticks.get(pid) ?? 0;
    todo.push(...(children.get(pid) ?? []));
  }
  // /proc counts in USER_HZ, which Linux fixes at 100 a second.
  return sum / 100;
}

const round = (/** @type {number} */ n) => Math.round(n * 10) / 10;

/**
 * Files run one at a time (vitest gives a package one worker on two cores), so the CPU between
 * two files' ends is the later file's: its import, set-up, tests and what they started.
 */
export default class CpuReporter {
  /** @param {{ outputFile?: string }} [options] */
  constructor(options = {}) {
    this.outputFile = options.outputFile ?? CPU_FILE;
    this.root = process.cwd();
    /** @type {{ file: string, project?: string, cpuSeconds: number, wallSeconds: number, load: number }[]} */
    this.files = [];
  }

  onInit() {
    this.startCpu = treeCpuSeconds();
    this.startAt = Date.now();
  }

  onTestRunStart() {
    this.lastCpu = treeCpuSeconds();
    this.lastAt = Date.now();
    // Before the first file: vitest's start and the global setups (a build, a demo server).
    this.setupCpuSeconds = round(this.lastCpu - (this.startCpu ?? this.lastCpu));
  }

  /** @param {{ moduleId: string, project: { name: string } }} testModule */
  onTestModuleEnd(testModule) {
    const cpu = treeCpuSeconds();
    const at = Date.now();
    this.files.push({
      file: relative(this.root, testModule.moduleId),
      // A file of two projects (sqlite, postgres) is run, and counted, once for each.
      ...(testModule.project.name ? { project: testModule.project.name } : {}),
      cpuSeconds: round(cpu - (this.lastCpu ?? cpu)),
      wallSeconds: round((at - (this.lastAt ?? at)) / 1000),
      load: round(loadavg()[0]),
    });
    this.lastCpu = cpu;
    this.lastAt = at;
  }

  onTestRunEnd() {
    const report = {
      cpuSeconds: round(treeCpuSeconds() - (this.startCpu ?? 0)),
      wallSeconds: round((Date.now() - (this.startAt ?? Date.now())) / 1000),
      setupCpuSeconds: this.setupCpuSeconds ?? 0,
      files: this.files,
    };
    writeFileSync(this.outputFile, `${JSON.stringify(report, null, 2)}\n`);
  }
}
