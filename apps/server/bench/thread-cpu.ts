/**
 * CPU time per thread of this process, from Linux's /proc (utime + stime, 10 ms ticks): what a
 * request costs each thread, which the wall-clock samples of a profiler overstate on a machine
 * whose cores are shared. Empty where /proc is missing.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';

const TICK_MS = 10;

/** CPU milliseconds used so far by each thread of this process, by thread id. */
export function threadCpu(): Map<number, number> {
  const out = new Map<number, number>();
  let tids: string[];
  try {
    tids = readdirSync('/proc/self/task');
  } catch {
    return out;
  }
  for (const tid of tids) {
    try {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      // Fields after the command name (which may hold spaces) start after its closing paren.
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(Number(tid), (Number(f[11]) + Number(f[12])) * TICK_MS);
    } catch {
      // The thread ended between the listing and the read.
    }
  }
  return out;
}

/**
 * CPU per request of each thread between two snapshots (ms): the HTTP thread (the process's
 * main thread), the load generator (`loadTid`) and the busiest other thread (the writer, when
 * the phase writes), and the rest summed and the five busiest of it.
 */
export function cpuPerRequest(
  before: Map<number, number>,
  after: Map<number, number>,
  loadTid: number,
  requests: number,
) {
  const delta = [...after].map(([tid, ms]) => [tid, ms - (before.get(tid) ?? 0)] as const);
  const main = process.pid;
  const others = delta
    .filter(([tid]) => tid !== main && tid !== loadTid)
    .sort((a, b) => b[1] - a[1]);
  const per = (ms: number) => Math.round((ms / requests) * 1000) / 1000;
  const of = (tid: number) => delta.find(([t]) => t === tid)?.[1] ?? 0;
  return {
    httpThreadMs: per(of(main)),
    busiestOtherThreadMs: per(others[0]?.[1] ?? 0),
    restMs: per(others.slice(1).reduce((s, [, ms]) => s + ms, 0)),
    loadGeneratorMs: per(of(loadTid)),
    // The rest thread by thread, busiest first (GC helpers, the WAL checkpoint thread, the count
    // thread; tsx's module loader under the bench): which one a costly `restMs` came from.
    restByThreadMs: others
      .slice(1, 6)
      .map(([, ms]) => per(ms))
      .filter((ms) => ms > 0),
  };
}

/**
 * Pins the load generator's thread to the last core and every other thread of this process to
 * the others (`BENCH_PIN=1`): the server then never shares a core with its client, as with a
 * client on another machine (with one core fewer for the server).
 */
export function pinLoadApart(loadTid: number): void {
  const cores = availableParallelism();
  if (cores < 2) return;
  const last = String(cores - 1);
  const rest = cores === 2 ? '0' : `0-${cores - 2}`;
  for (const tid of readdirSync('/proc/self/task').map(Number))
    execFileSync('taskset', ['-p', '-c', tid === loadTid ? last : rest, String(tid)], {
      stdio: 'ignore',
    });
}
