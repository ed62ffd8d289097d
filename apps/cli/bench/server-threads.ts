import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU of a running server process, thread by thread, from Linux's /proc (utime + stime, 10 ms
 * ticks): which thread a request's CPU went to, seen from outside as an operator's `top -H`
 * would. The main thread is the HTTP thread; `trellis start` names its own threads (writer,
 * checkpoint, count, import: apps/server/src/setup/thread-name.ts); the rest are Node's and V8's
 * (garbage collection helpers, libuv's pool) — and every thread of a build that names none
 * (605b928), whose busiest ones are then its writers.
 */
export type ThreadSnapshot = Map<number, { name: string; ms: number }>;

const TICK_MS = 10;

/** Every thread of `pid` now: its name (`comm`) and CPU ms so far. */
export function threadsOf(pid: number): ThreadSnapshot {
  const out: ThreadSnapshot = new Map();
  for (const tid of readdirSync(`/proc/${pid}/task`).map(Number)) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      // The name is in parentheses and may hold spaces; the fields after it are numbered from 3.
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(tid, { name, ms: (Number(f[11]) + Number(f[12])) * TICK_MS });
    } catch {
      // The thread ended between the listing and the read.
    }
  }
  return out;
}

const r3 = (n: number) => Math.round(n * 1000) / 1000;

/**
 * CPU per request (ms) between two snapshots: the whole process, the HTTP (main) thread, each
 * named thread (threads of one name summed: an import's several), the unnamed ones summed, and
 * the busiest unnamed ones apart (at 605b928, its intake writer and automation thread).
 */
export function cpuPerRequest(
  pid: number,
  before: ThreadSnapshot,
  after: ThreadSnapshot,
  requests: number,
) {
  const used = [...after].map(([tid, t]) => ({
    tid,
    name: t.name,
    ms: t.ms - (before.get(tid)?.ms ?? 0),
  }));
  const total = used.reduce((s, t) => s + t.ms, 0);
  const http = used.find((t) => t.tid === pid)?.ms ?? 0;
  const named: Record<string, number> = {};
  const unnamed: number[] = [];
  for (const t of used) {
    if (t.tid === pid) continue;
    if (t.name.startsWith('trellis-')) named[t.name] = (named[t.name] ?? 0) + t.ms;
    else unnamed.push(t.ms);
  }
  unnamed.sort((a, b) => b - a);
  const per = (ms: number) => r3(ms / requests);
  return {
    serverProcess: per(total),
    httpThread: per(http),
    otherThreads: per(total - http),
    byThread: Object.fromEntries(
      Object.entries(named)
        .sort((a, b) => b[1] - a[1])
        .map(([name, ms]) => [name.slice('trellis-'.length), per(ms)]),
    ),
    unnamedThreads: per(unnamed.reduce((s, ms) => s + ms, 0)),
    busiestUnnamed: unnamed
      .slice(0, 4)
      .map(per)
      .filter((ms) => ms > 0),
  };
}
