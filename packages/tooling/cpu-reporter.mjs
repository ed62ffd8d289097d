// A vitest reporter that counts the CPU each test file used: the vitest process and every process
// below it (its workers, the chromiums and servers a file starts), taken at the end of each file —
// in a cpuacct cgroup of its own where the machine allows one (ownCpuGroup), else by walking the
// process tree.
// Wall time says little on a shared machine; CPU seconds are what two cores can give.
// `pnpm test` adds it when TRELLIS_TEST_CPU names a file to write the counts to (run-tests.mjs).
import { mkdirSync, readdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, relative } from 'node:path';

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

/** The pids of process `root` and every process below it now. */
function treePids(root = process.pid) {
  const children = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
    } catch {
      // exited while we looked
    }
  }
  const pids = [];
  const todo = [root];
  while (todo.length > 0) {
    const pid = /** @type {number} */ (todo.pop());
    pids.push(pid);
    todo.push(...(children.get(pid) ?? []));
  }
  return pids;
}

/**
 * Where this process's cpuacct cgroup lives, when cpuacct is a cgroup v1 hierarchy of its own:
 * joined with `cpu`, a group of our own would also change how the scheduler shares the CPU.
 * @returns {string | null}
 */
function cpuacctDir() {
  const mount = readFileSync('/proc/self/mountinfo', 'utf8')
    .split('\n')
    .map((line) => line.split(' '))
    .find((f) => {
      const dash = f.indexOf('-');
      return f[dash + 1] === 'cgroup' && f[dash + 3]?.split(',').includes('cpuacct');
    });
  if (!mount || mount[mount.indexOf('-') + 3].split(',').includes('cpu')) return null;
  const [root, point] = [mount[3], mount[4]];
  const line = readFileSync('/proc/self/cgroup', 'utf8')
    .split('\n')
    .find((l) => l.split(':')[1]?.split(',').includes('cpuacct'));
  if (!line || !root || !point) return null;
  const path = line.slice(line.indexOf(':', line.indexOf(':') + 1) + 1);
  return join(point, relative(root, path));
}

/**
 * Moves this process and every process below it into a cpuacct cgroup of its own, or answers
 * null where the machine does not let it (no such hierarchy, not allowed to write it). A cgroup
 * counts every process started inside it, also those that outlive their parent: the process
 * tree loses a chromium's helpers, reparented to init when the browser closes (session 19: 43.8
 * s counted against 103–107 s by a cgroup for the same five browser files).
 * @returns {{ seconds(): number, release(): void } | null}
 */
export function ownCpuGroup() {
  try {
    const parent = cpuacctDir();
    if (!parent) return null;
    // Groups of earlier runs that nothing runs in any more (rmdir refuses one still in use).
    for (const name of readdirSync(parent))
      if (name.startsWith('trellis-cpu-'))
        try {
          rmdirSync(join(parent, name));
        } catch {
          // still in use
        }
    const dir = join(parent, `trellis-cpu-${process.pid}`);
    mkdirSync(dir);
    for (const pid of treePids())
      try {
        writeFileSync(join(dir, 'cgroup.procs'), String(pid));
      } catch {
        // exited meanwhile
      }
    return {
      seconds: () => Number(readFileSync(join(dir, 'cpuacct.usage'), 'utf8')) / 1e9,
      release() {
        const remove = () => {
          try {
            rmdirSync(dir);
            return true;
          } catch {
            return false; // a process it started still runs
          }
        };
        try {
          writeFileSync(join(parent, 'cgroup.procs'), String(process.pid));
        } catch {
          return;
        }
        // Vitest's workers end after the run's last report: try again as this process exits,
        // and what is still left the next run's ownCpuGroup removes.
        if (!remove()) process.once('exit', remove);
      },
    };
  } catch {
    return null;
  }
}

const round = (/** @type {number} */ n) => Math.round(n * 10) / 10;

/**
 * Files run one at a time (vitest gives a package one worker on two cores), so the CPU between
 * two files' ends is the later file's: its import, set-up, tests and what they started.
 */
export default class CpuReporter {
  /**
   * @param {{ outputFile?: string, manyRuns?: boolean }} [options] `manyRuns`: one vitest runs
   *   files as runs of their own (vitest-queue.mjs), which calls `release()` after the last.
   */
  constructor(options = {}) {
    this.outputFile = options.outputFile ?? CPU_FILE;
    this.manyRuns = options.manyRuns ?? false;
    /** @type {{ seconds(): number, release(): void } | null} */
    this.group = null;
    this.cpu = () => treeCpuSeconds();
    this.root = process.cwd();
    /** @type {{ file: string, project?: string, cpuSeconds: number, wallSeconds: number, load: number }[]} */
    this.files = [];
  }

  onInit() {
    // A cgroup where the machine allows one; else the process tree.
    this.group = ownCpuGroup();
    if (this.group) this.cpu = this.group.seconds;
    this.startCpu = this.cpu();
    this.startAt = Date.now();
  }

  onTestRunStart() {
    // Runs of one file each: a file's count goes on from the file before it, as in one run.
    if (this.manyRuns && this.lastCpu !== undefined) return;
    this.lastCpu = this.cpu();
    this.lastAt = Date.now();
    // Before the first file: vitest's start and the global setups (a build, a demo server).
    this.setupCpuSeconds = round(this.lastCpu - (this.startCpu ?? this.lastCpu));
  }

  /** @param {{ moduleId: string, project: { name: string } }} testModule */
  onTestModuleEnd(testModule) {
    const cpu = this.cpu();
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
      counted: this.group ? 'cgroup' : 'process tree',
      cpuSeconds: round(this.cpu() - (this.startCpu ?? 0)),
      wallSeconds: round((Date.now() - (this.startAt ?? Date.now())) / 1000),
      setupCpuSeconds: this.setupCpuSeconds ?? 0,
      files: this.files,
    };
    writeFileSync(this.outputFile, `${JSON.stringify(report, null, 2)}\n`);
    if (!this.manyRuns) this.release();
  }

  /** Leaves and removes the cgroup; the counts written stay. */
  release() {
    this.group?.release();
    this.group = null;
  }
}
