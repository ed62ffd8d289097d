import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { percentile, summarise } from '@trellis/tooling/bench';

/**
 * What an operator meets running `trellis start`, measured from the outside over HTTP on
 * loopback: from spawning the process, polling until the first 200 (wall time and the CPU the
 * process spent by then, all threads, which the machine's load distorts less), the resident
 * memory of the whole process when idle and its CPU per thread, and the peak during a burst of
 * public-form submissions. What each thread holds (its V8 heap, V8's allocations beside it, its
 * buffers) is asked of the built server by `kill -USR2` (its `memory` log line), 3 s after the
 * first answer and again right after the burst; what no thread owns alone is split by
 * /proc/<pid>/smaps_rollup into file-backed pages (node's code, native libraries) and the rest.
 * This checkout's CLI is built first (scripts/build.mjs). Baselines in
 * the same run, alternating so load hits all alike: `floor`, a bare node HTTP server (what node
 * alone costs), and with BENCH_BASELINE=<dir> another build of dist/ (e.g. main's, copied under
 * apps/cli/node_modules/ so it finds the database drivers), started as `node <dir>/main.js`;
 * with BENCH_VARIANT_ENV='{"NAME":"value"}', this checkout's build again with those variables
 * (e.g. TRELLIS_WRITER_YOUNG_MB) as mode `variant`.
 */
const cli = join(import.meta.dirname, '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
// The intake load: 400 submissions, 8 at a time, by default; BENCH_SUBMISSIONS=10000
// BENCH_CONCURRENCY=16 is the server's intake bench (apps/server/bench/run.ts: 2,000 + 8,000 at
// 16), long enough for the writer's automation backlog to build up behind it.
const SUBMISSIONS = Number(process.env.BENCH_SUBMISSIONS ?? 400);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const FLOOR = `require('node:http').createServer((q, s) => s.end('{}')).listen(Number(process.argv[1]), '127.0.0.1')`;

const build = spawnSync(process.execPath, [join(cli, 'scripts', 'build.mjs')], {
  encoding: 'utf8',
});
if (build.status !== 0) throw new Error(build.stdout + build.stderr);

// Each mode's command and its arguments. This checkout's build is started through the installed
// command, bin/trellis.mjs, run as an executable: the node flags of its first line (the HTTP
// thread's young generation) count, as for an operator's `trellis start`.
const BIN = join(cli, 'bin', 'trellis.mjs');
const VARIANT_ENV = process.env.BENCH_VARIANT_ENV
  ? (JSON.parse(process.env.BENCH_VARIANT_ENV) as Record<string, string>)
  : undefined;
const modes: Record<string, ((data: string, port: number) => [string, string[]]) | undefined> = {
  built: (data, port) => [BIN, startArgs(data, port)],
  variant: VARIANT_ENV ? (data, port) => [BIN, startArgs(data, port)] : undefined,
  floor: (_data, port) => [process.execPath, ['-e', FLOOR, String(port)]],
  baseline: process.env.BENCH_BASELINE
    ? (data, port) => [
        process.execPath,
        [join(process.env.BENCH_BASELINE!, 'main.js'), ...startArgs(data, port)],
      ]
    : undefined,
};
const startArgs = (data: string, port: number) => [
  'start',
  '--data',
  data,
  '--port',
  String(port),
  '--host',
  '127.0.0.1',
];
type Mode = 'built' | 'variant' | 'floor' | 'baseline';
/** This checkout's build, which answers SIGUSR2 with each thread's memory. */
const thisBuild = (mode: Mode) => mode === 'built' || mode === 'variant';
const active = (Object.keys(modes) as Mode[]).filter((m) => modes[m]);

const work = mkdtempSync(join(tmpdir(), 'trellis-start-bench-'));
const seed = join(work, 'seed');
// What a fresh `pnpm start` pays once before it starts: the demo's init (users, records, and
// its recent history played through the engine and the automations), timed as one run.
const initStarted = performance.now();
const init = spawnSync(
  process.execPath,
  [join(cli, 'dist', 'main.js'), 'init', '--data', seed, '--demo'],
  {
    encoding: 'utf8',
  },
);
const initDemoMs = Math.round(performance.now() - initStarted);
if (init.status !== 0) throw new Error(init.stdout + init.stderr);

type ThreadMemory = {
  thread: string;
  heapMiB: number;
  heapUsedMiB: number;
  v8MallocMiB: number;
  externalMiB: number;
};
type MemoryLine = { rssMiB: number; threads: ThreadMemory[]; sharedMiB: number };

/** Resident memory by kind (MiB): file-backed pages are code shared with the system's page cache. */
const residentKinds = (pid: number) => {
  const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(rollup)?.[1]);
  return {
    anonymousMiB: kib('Anonymous') / 1024,
    fileBackedMiB: (kib('Rss') - kib('Anonymous')) / 1024,
  };
};

const rssMiB = (pid: number) =>
  Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN) / 1024;
/** CPU time (user + system, ms) of one task: fields 14 and 15 of its stat, in 1/100 s. */
const cpuMsOf = (stat: string) => {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
};
const cpuMs = (pid: number) => cpuMsOf(readFileSync(`/proc/${pid}/stat`, 'utf8'));
/** CPU (ms) of each thread, the main thread first, then the others by CPU (node names none). */
const threadCpuMs = (pid: number) => {
  const tasks = readdirSync(`/proc/${pid}/task`).map((tid) => ({
    main: Number(tid) === pid,
    ms: cpuMsOf(readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8')),
  }));
  const others = tasks.filter((t) => !t.main).map((t) => t.ms);
  return {
    main: tasks.find((t) => t.main)?.ms ?? NaN,
    others: others.sort((a, b) => b - a).slice(0, 4),
  };
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let nextPort = 41_000 + (process.pid % 1000) * 10;

async function once(mode: Mode, run: number) {
  const data = join(work, `${mode}-${run}`);
  cpSync(seed, data, { recursive: true });
  const port = nextPort++;
  const url = `http://127.0.0.1:${port}`;
  const t0 = performance.now();
  const [command, args] = modes[mode]!(data, port);
  const child: ChildProcess = spawn(command, args, {
    cwd: cli,
    // Request logs off the terminal (warnings and errors still show); every mode alike.
    env: {
      ...process.env,
      TRELLIS_LOCALE: 'en',
      TRELLIS_LIMIT_INTAKE_PER_MINUTE: '0',
      TRELLIS_LOG_LEVEL: 'warn',
      ...(mode === 'variant' ? VARIANT_ENV : {}),
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  // The server's log on stderr: memory lines are read here, anything else is passed on.
  const memoryLines: MemoryLine[] = [];
  let pending = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    const lines = (pending + chunk.toString('utf8')).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      if (/^\{.*"msg":"memory"\}$/.test(line)) memoryLines.push(JSON.parse(line) as MemoryLine);
      else process.stderr.write(`${line}\n`);
    }
  });
  child.stderr!.on('end', () => pending && process.stderr.write(`${pending}\n`));
  /** What each thread holds, asked by SIGUSR2 (only this checkout's build answers it). */
  const threadMemory = async (): Promise<MemoryLine | null> => {
    if (!thisBuild(mode)) return null;
    const before = memoryLines.length;
    child.kill('SIGUSR2');
    for (let waited = 0; memoryLines.length === before; waited += 20) {
      if (waited > 10_000) throw new Error('no memory line 10 s after SIGUSR2');
      await sleep(20);
    }
    return memoryLines[before]!;
  };
  try {
    // Polled as a client would: the first 200 is when the server is of use.
    let firstAnswerMs = NaN;
    let cpuToFirstAnswerMs = NaN;
    while (Number.isNaN(firstAnswerMs)) {
      if (child.exitCode !== null) throw new Error(`${mode} exited with ${child.exitCode}`);
      const status = await fetch(`${url}/api/v1/openapi.json`).then(
        async (r) => (await r.arrayBuffer(), r.status),
        () => 0,
      );
      if (status === 200) {
        firstAnswerMs = performance.now() - t0;
        cpuToFirstAnswerMs = cpuMs(child.pid!);
      } else await sleep(10);
    }
    await sleep(3000);
    const threads = threadCpuMs(child.pid!);
    const idleMiB = rssMiB(child.pid!);
    const idleKinds = residentKinds(child.pid!);
    const idleThreads = await threadMemory();
    let peakMiB = idleMiB;
    const sampler = setInterval(() => (peakMiB = Math.max(peakMiB, rssMiB(child.pid!))), 50);
    const common = { firstAnswerMs, cpuToFirstAnswerMs, idleMiB, threads, idleKinds, idleThreads };
    if (mode === 'floor') {
      clearInterval(sampler);
      return { ...common, peakMiB, burstThreads: null, burstPerS: NaN };
    }
    let sent = 0;
    const submitter = async () => {
      while (sent < SUBMISSIONS) {
        const i = sent++;
        const res = await fetch(`${url}/f/apply`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ name: `压测${i}`, phone: `139${String(10_000_000 + i)}` }),
        });
        if (res.status !== 201)
          throw new Error(`submission ${i}: ${res.status} ${await res.text()}`);
      }
    };
    const burstStart = performance.now();
    await Promise.all(Array.from({ length: CONCURRENCY }, submitter));
    const burstPerS = SUBMISSIONS / ((performance.now() - burstStart) / 1000);
    // At once: the writer still runs the automations the burst set off.
    const burstThreads = await threadMemory();
    await sleep(500);
    clearInterval(sampler);
    peakMiB = Math.max(peakMiB, rssMiB(child.pid!));
    return { ...common, peakMiB, burstThreads, burstPerS };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
    rmSync(data, { recursive: true, force: true });
  }
}

type Result = Awaited<ReturnType<typeof once>>;
const results = Object.fromEntries(active.map((m) => [m, [] as Result[]])) as Record<
  Mode,
  Result[]
>;
try {
  for (let run = 0; run < RUNS; run++)
    for (const mode of active) results[mode].push(await once(mode, run));
} finally {
  rmSync(work, { recursive: true, force: true });
}

const stats = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const r = (n: number) => Math.round(n * 10) / 10;
  return { median: r(percentile(sorted, 50)), p95: r(percentile(sorted, 95)), runs: values.length };
};
/** Median of each figure of each thread over the runs, with the process's total and the rest. */
const threadMemoryOf = (lines: (MemoryLine | null)[]) => {
  const seen = lines.filter((l): l is MemoryLine => l !== null);
  if (seen.length === 0) return undefined;
  const names = [...new Set(seen.flatMap((l) => l.threads.map((t) => t.thread)))];
  const median = (values: number[]) => stats(values).median;
  const figures = ['heapMiB', 'heapUsedMiB', 'v8MallocMiB', 'externalMiB'] as const;
  return {
    // Every run must list every thread: the idle figure is "with all threads".
    threadsInEveryRun: names.filter((n) =>
      seen.every((l) => l.threads.some((t) => t.thread === n)),
    ),
    perThread: Object.fromEntries(
      names.map((name) => {
        const of = seen.flatMap((l) => l.threads.filter((t) => t.thread === name));
        return [
          name,
          {
            ...Object.fromEntries(figures.map((f) => [f, median(of.map((t) => t[f]))])),
            heldMiB: median(of.map((t) => t.heapMiB + t.v8MallocMiB + t.externalMiB)),
          },
        ];
      }),
    ),
    rssMiB: median(seen.map((l) => l.rssMiB)),
    sharedMiB: median(seen.map((l) => l.sharedMiB)),
  };
};

const reportOf = (mode: Mode) => {
  const rs = results[mode];
  return {
    firstAnswer: summarise(
      `trellis start first answer (${mode})`,
      rs.map((r) => r.firstAnswerMs),
      rs.reduce((sum, r) => sum + r.firstAnswerMs, 0),
    ),
    cpuToFirstAnswerMs: stats(rs.map((r) => r.cpuToFirstAnswerMs)),
    idleRssMiB: stats(rs.map((r) => r.idleMiB)),
    // Of the idle RSS: pages backed by files (node's and native libraries' code) and the rest.
    idleResidentMiB: {
      fileBacked: stats(rs.map((r) => r.idleKinds.fileBackedMiB)).median,
      anonymous: stats(rs.map((r) => r.idleKinds.anonymousMiB)).median,
    },
    ...(mode === 'floor'
      ? {}
      : {
          intakePeakRssMiB: stats(rs.map((r) => r.peakMiB)),
          intakeSubmissionsPerS: stats(rs.map((r) => r.burstPerS)),
        }),
    // What each thread's JavaScript holds (MiB; `shared`: the rest of RSS, no thread's alone).
    ...(thisBuild(mode)
      ? {
          threadMemoryIdle: threadMemoryOf(rs.map((r) => r.idleThreads)),
          threadMemoryAfterBurst: threadMemoryOf(rs.map((r) => r.burstThreads)),
        }
      : {}),
    // CPU per thread 3 s after the first answer: the main (HTTP) thread, then the busiest others
    // (the writer, V8's and libuv's helpers); their memory is in threadMemoryIdle.
    threadCpuMsAtIdle: {
      main: stats(rs.map((r) => r.threads.main)),
      others: [0, 1, 2, 3].map((i) => stats(rs.map((r) => r.threads.others[i] ?? 0)).median),
    },
  };
};
const report = Object.fromEntries(active.map((m) => [m, reportOf(m)])) as Record<
  Mode,
  ReturnType<typeof reportOf>
>;
/** Issue 12's targets: first answer, idle with all threads, peak during the intake burst. */
const TARGETS = { firstAnswerMs: 1500, idleRssMiB: 150, intakePeakRssMiB: 300 };
const ALL_THREADS = ['http', 'writer', 'checkpoint'];
const ratioOf = (a: number, b: number) => Math.round((a / b) * 1000) / 1000;
console.log(
  JSON.stringify(
    {
      ...report,
      initDemoMs,
      submissions: SUBMISSIONS,
      concurrency: CONCURRENCY,
      ratioFirstAnswerBuiltToFloor: ratioOf(
        report.built.firstAnswer.medianMs,
        report.floor.firstAnswer.medianMs,
      ),
      ratioIdleRssBuiltToFloor: ratioOf(
        report.built.idleRssMiB.median,
        report.floor.idleRssMiB.median,
      ),
      ...(report.baseline
        ? {
            ratioFirstAnswerBuiltToBaseline: ratioOf(
              report.built.firstAnswer.medianMs,
              report.baseline.firstAnswer.medianMs,
            ),
            ratioIdleRssBuiltToBaseline: ratioOf(
              report.built.idleRssMiB.median,
              report.baseline.idleRssMiB.median,
            ),
            // Intake throughput (submissions/s, medians) of this build, and of the variant, to the baseline's.
            ratioIntakePerSBuiltToBaseline: ratioOf(
              report.built.intakeSubmissionsPerS!.median,
              report.baseline.intakeSubmissionsPerS!.median,
            ),
            ...(report.variant
              ? {
                  ratioIntakePerSVariantToBaseline: ratioOf(
                    report.variant.intakeSubmissionsPerS!.median,
                    report.baseline.intakeSubmissionsPerS!.median,
                  ),
                }
              : {}),
          }
        : {}),
      ...(VARIANT_ENV ? { variantEnv: VARIANT_ENV } : {}),
      targets: TARGETS,
      // The built server's: the first answer by its median, memory by its p95.
      targetsMet: {
        firstAnswerMs: report.built.firstAnswer.medianMs < TARGETS.firstAnswerMs,
        idleRssMiB: report.built.idleRssMiB.p95 < TARGETS.idleRssMiB,
        intakePeakRssMiB: (report.built.intakePeakRssMiB?.p95 ?? NaN) < TARGETS.intakePeakRssMiB,
        idleWithAllThreads: ALL_THREADS.every((t) =>
          report.built.threadMemoryIdle?.threadsInEveryRun.includes(t),
        ),
      },
    },
    null,
    2,
  ),
);
