import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { percentile, summarise, type Sample } from '@trellis/tooling/bench';
import { probed } from '@trellis/tooling/machine-probe';
import { cpuPerRequest, threadsOf, type ThreadSnapshot } from './server-threads';
import { baselineBuild, init, start, thisBuild, type Build, type Server } from './writes-build';

/**
 * Issue 13's write targets measured black-box on `trellis start`, as an operator runs it: per
 * run a fresh data directory, `trellis init` (education template, no demo data), four sales
 * reps in the routing teams and an admin's API token made over HTTP, the server on a loopback
 * port, then `POST /api/v1/records/lead` at concurrency 10, one `PATCH` of each of those leads
 * at its version at 10 (after the automations that route them settled), and public intake
 * `POST /f/apply` at 16; each after a warm-up, automations on. The load generator is the
 * server bench's (apps/server/bench/load-worker.mjs, keep-alive sockets in a thread). Around
 * each measured load: the server process's CPU (all threads, /proc; its main thread is the
 * HTTP thread) and the machine's 1-minute load and a fixed probe.
 *
 * This checkout's CLI is built first; with BENCH_BASELINE=<dir> (bench/writes-build.ts) another
 * build runs in the same rounds, alternating (A B, B A, …), BENCH_RUNS rounds; ratios are to
 * the baseline's run of the same round. Prints JSON. Servers log at their default level to a
 * file beside their data (BENCH_LOG_LEVEL sets TRELLIS_LOG_LEVEL; 605b928 logs no requests).
 *   pnpm --filter @trellis/cli bench:writes
 */
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const TOTAL = Number(process.env.BENCH_REQUESTS ?? 8000);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 800);
/** As the server bench: intake warms up longer (new threads to JIT on a fresh data directory). */
const INTAKE_WARMUP = Number(process.env.BENCH_INTAKE_WARMUP ?? 2000);
/** This machine's ports for it (35450–35459): one per server, in turn. */
const PORT_BASE = Number(process.env.BENCH_PORT ?? 35451);
const PORTS = 9;
const API_CONCURRENCY = 10;
const INTAKE_CONCURRENCY = 16;
/** Issue 13: API creates and updates at concurrency 10 at least 2,000/s with p99 under 25 ms. */
const TARGET = { opsAtLeast: 2000, p99BelowMs: 25 };
const WORKER = join(import.meta.dirname, '..', '..', 'server', 'bench', 'load-worker.mjs');
const SETTLE_LIMIT_MS = 180_000;
const ALL_CASES = ['apiCreates', 'apiUpdates', 'intake'] as const;
type Case = (typeof ALL_CASES)[number];
/**
 * BENCH_ONLY=intake (or apiCreates, apiUpdates; comma-separated): the cases run, in this order.
 * The updates edit the leads the creates made, so they bring the creates along.
 */
const CASES = ((only) => {
  if (!only) return ALL_CASES;
  const asked = only.split(',').map((c) => c.trim());
  for (const c of asked)
    if (!(ALL_CASES as readonly string[]).includes(c))
      throw new Error(`BENCH_ONLY: ${c} is none of ${ALL_CASES.join(', ')}`);
  if (asked.includes('apiUpdates')) asked.push('apiCreates');
  return ALL_CASES.filter((c) => asked.includes(c));
})(process.env.BENCH_ONLY);

const env = {
  ...process.env,
  TRELLIS_LOCALE: 'en',
  ...(process.env.BENCH_LOG_LEVEL ? { TRELLIS_LOG_LEVEL: process.env.BENCH_LOG_LEVEL } : {}),
};
/**
 * BENCH_SERVER_NODE_FLAGS: node flags for the servers (not `init`), say `--cpu-prof
 * --cpu-prof-dir=/tmp/prof`: a profile of every thread, written as the server stops.
 */
const SERVER_NODE_FLAGS = (process.env.BENCH_SERVER_NODE_FLAGS ?? '').split(/\s+/).filter(Boolean);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const say = (line: string) => process.stderr.write(`[bench:writes] ${line}\n`);

type LoadOptions = {
  url: string;
  method: 'POST' | 'PATCH';
  total: number;
  concurrency: number;
  bodyKind: 'apiLead' | 'apiUpdate' | 'lead';
  offset: number;
  headers?: Record<string, string>;
  paths?: string[];
  versions?: number[];
  forwardedFor?: boolean;
};
type LoadRun = { latencies: number[]; totalMs: number; statuses: Record<string, number> };
type CpuPerRequest = ReturnType<typeof cpuPerRequest>;

/** One load through the load-generator thread, with the CPU the server spent on it. */
function load(server: Server, o: LoadOptions) {
  return new Promise<LoadRun & { cpuPerRequestMs: CpuPerRequest }>((resolve, reject) => {
    const worker = new Worker(WORKER, { workerData: o });
    let before: ThreadSnapshot = new Map();
    const answered = (m: { tid: number } | LoadRun) => {
      // The generator says its thread id first and starts at 'go' (its own CPU is not read:
      // the thread is gone once it has answered).
      if ('tid' in m) {
        before = threadsOf(server.pid);
        worker.postMessage('go');
        return;
      }
      resolve({
        ...m,
        cpuPerRequestMs: cpuPerRequest(server.pid, before, threadsOf(server.pid), o.total),
      });
    };
    // A failure here (the server gone from /proc) fails the run, which then stops its server.
    worker.on('message', (m: { tid: number } | LoadRun) => {
      try {
        answered(m);
      } catch (error) {
        reject(error as Error);
      }
    });
    worker.once('error', reject);
  });
}

/** A warm-up of `warmup` requests, then `o.total` measured ones with the machine probed around. */
async function measure(name: string, server: Server, warmup: number, o: LoadOptions) {
  const slice = <T>(xs: T[] | undefined, from: number, to: number) => xs?.slice(from, to);
  await load(server, {
    ...o,
    total: warmup,
    paths: slice(o.paths, 0, warmup),
    versions: slice(o.versions, 0, warmup),
  });
  // The load's span on the machine's monotonic clock (µs), the clock of a --cpu-prof profile's
  // timestamps: what of a server's profile was this load.
  const monotonicUs = () => Number(process.hrtime.bigint() / 1000n);
  let window = { startUs: 0, endUs: 0 };
  const { value: run, machine } = await probed(async () => {
    window.startUs = monotonicUs();
    const ran = await load(server, {
      ...o,
      offset: o.offset + warmup,
      paths: slice(o.paths, warmup, warmup + o.total),
      versions: slice(o.versions, warmup, warmup + o.total),
    });
    window = { ...window, endUs: monotonicUs() };
    return ran;
  });
  return {
    ...summarise(name, run.latencies, run.totalMs),
    statuses: run.statuses,
    cpuPerRequestMs: run.cpuPerRequestMs,
    machine,
    ...(SERVER_NODE_FLAGS.length > 0 ? { profileWindowUs: window } : {}),
  };
}
type Measured = Awaited<ReturnType<typeof measure>>;

/** A JSON request to the server; throws on an unexpected status. */
async function call(
  server: Server,
  path: string,
  o: { method?: string; body?: unknown; headers?: Record<string, string>; expect?: number } = {},
) {
  const res = await fetch(`${server.url}${path}`, {
    method: o.method ?? 'GET',
    headers: { 'content-type': 'application/json', origin: server.url, ...o.headers },
    ...(o.body === undefined ? {} : { body: JSON.stringify(o.body) }),
  });
  const text = await res.text();
  if (res.status !== (o.expect ?? 200))
    throw new Error(`${o.method ?? 'GET'} ${path}: ${res.status} ${text.slice(0, 500)}`);
  return { res, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

/**
 * What a workspace has before people work in it, made over HTTP as an admin would: an API token
 * of the admin role, and the sales reps the education template's routing assigns leads to (its
 * python leads to `tech`, UI design to `design`), so each create sets off a real assignment.
 */
async function prepare(server: Server, admin: { login: string; password: string }) {
  const { res } = await call(server, '/api/v1/auth/login', {
    method: 'POST',
    body: { login: admin.login, password: admin.password },
  });
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { body } = await call(server, '/api/v1/tokens', {
    method: 'POST',
    body: { name: 'bench', role: 'admin' },
    headers: { cookie },
    expect: 201,
  });
  const authorization = `Bearer ${String(body.token)}`;
  for (const [login, team] of [
    ['bench-a1', 'tech'],
    ['bench-a2', 'tech'],
    ['bench-d1', 'design'],
    ['bench-s1', 'shanghai'],
  ] as const)
    await call(server, '/api/v1/users', {
      method: 'POST',
      body: { login, password: 'Bench-writes-7f3k9Qx!', role: 'sales', teams: [team] },
      headers: { authorization },
      expect: 201,
    });
  return { authorization };
}

/** Waits until no automation is pending (GET /api/v1/automations); how long it took (ms). */
async function settle(server: Server, authorization: string) {
  const t0 = performance.now();
  for (;;) {
    const { body } = await call(server, '/api/v1/automations', { headers: { authorization } });
    if (typeof body.pending !== 'number') throw new Error('the server tells no pending count');
    if (body.pending === 0) return Math.round(performance.now() - t0);
    if (performance.now() - t0 > SETTLE_LIMIT_MS)
      throw new Error(`${body.pending} automations still pending after ${SETTLE_LIMIT_MS} ms`);
    await sleep(100);
  }
}

/** Every lead's path and version, through the API's list, 200 at a time. */
async function leads(server: Server, authorization: string) {
  const paths: string[] = [];
  const versions: number[] = [];
  let cursor: string | null = null;
  do {
    const q: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
    const { body } = await call(server, `/api/v1/records/lead?limit=200${q}`, {
      headers: { authorization },
    });
    for (const r of body.items as { id: string; version: number }[]) {
      paths.push(`/api/v1/records/lead/${r.id}`);
      versions.push(r.version);
    }
    cursor = (body.nextCursor as string | null) ?? null;
  } while (cursor);
  return { paths, versions };
}

let runs = 0;
/** One run of one build: a fresh workspace and server, the three loads, the server stopped. */
async function once(build: Build, round: number, work: string) {
  const dir = join(work, `${build.mode}-${round}`);
  mkdirSync(dir);
  const data = join(dir, 'data');
  const admin = init(build, data, env);
  const port = PORT_BASE + (runs++ % PORTS);
  say(`round ${round} ${build.mode}: start on ${port}`);
  const server = await start(build, data, port, env, join(dir, 'server.log'), SERVER_NODE_FLAGS);
  try {
    const { authorization } = await prepare(server, admin);
    const api = { concurrency: API_CONCURRENCY, headers: { authorization } };
    const url = `${server.url}/api/v1/records/lead`;
    const cases: Partial<Record<Case, Measured>> = {};
    // How long the automations took to settle after each load (ms).
    const settled: Partial<Record<Case, number>> = {};
    if (CASES.includes('apiCreates')) {
      cases.apiCreates = await measure('API creates (c=10)', server, WARMUP, {
        ...api,
        url,
        method: 'POST',
        total: TOTAL,
        bodyKind: 'apiLead',
        offset: 0,
      });
      settled.apiCreates = await settle(server, authorization);
    }
    if (CASES.includes('apiUpdates')) {
      // The routing gave each lead an owner (a new version); each is then edited at its own.
      const all = await leads(server, authorization);
      if (all.paths.length < WARMUP + TOTAL) throw new Error(`only ${all.paths.length} leads`);
      cases.apiUpdates = await measure('API updates (c=10)', server, WARMUP, {
        ...api,
        url,
        method: 'PATCH',
        total: TOTAL,
        bodyKind: 'apiUpdate',
        offset: 0,
        paths: all.paths,
        versions: all.versions,
      });
      settled.apiUpdates = await settle(server, authorization);
    }
    if (CASES.includes('intake')) {
      // Each submission from its own address (load-worker's forwardedFor): 605b928's limit of 60
      // submissions a minute per address cannot be turned off; every build gets the same requests.
      cases.intake = await measure('public form intake (c=16)', server, INTAKE_WARMUP, {
        url: `${server.url}/f/apply`,
        method: 'POST',
        total: TOTAL,
        concurrency: INTAKE_CONCURRENCY,
        bodyKind: 'lead',
        offset: 0,
        forwardedFor: true,
      });
      settled.intake = await settle(server, authorization);
    }
    say(
      `round ${round} ${build.mode}: ` +
        CASES.map((c) => `${c} ${cases[c]!.ops}/s p99 ${cases[c]!.p99Ms}`).join(', '),
    );
    return {
      round,
      initMs: admin.ms,
      firstAnswerMs: server.firstAnswerMs,
      cases: cases as Record<Case, Measured>,
      automationsSettledMs: {
        ...(settled.apiCreates === undefined ? {} : { afterCreates: settled.apiCreates }),
        ...(settled.apiUpdates === undefined ? {} : { afterUpdates: settled.apiUpdates }),
        ...(settled.intake === undefined ? {} : { afterIntake: settled.intake }),
      },
    };
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
type Run = Awaited<ReturnType<typeof once>>;

const spread = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return { median: percentile(sorted, 50), min: sorted[0]!, max: sorted.at(-1)! };
};
const r3 = (n: number) => Math.round(n * 1000) / 1000;

/** Per case over the runs: ops/s and latencies (median of the runs, and their range), every run. */
function summary(rs: Run[], c: Case) {
  const samples = rs.map((r) => r.cases[c]);
  const of = (k: keyof Sample) => spread(samples.map((s) => s[k] as number));
  return {
    ops: of('ops'),
    medianMs: of('medianMs'),
    p95Ms: of('p95Ms'),
    p99Ms: of('p99Ms'),
    runs: rs.map((r) => ({ round: r.round, ...r.cases[c] })),
  };
}

const built = thisBuild();
const baseline = process.env.BENCH_BASELINE ? baselineBuild(process.env.BENCH_BASELINE) : null;
const builds = baseline ? [built, baseline] : [built];
const work = mkdtempSync(join(tmpdir(), 'trellis-writes-bench-'));
// Also when a signal ends the bench (writes-build.ts kills its servers first).
process.on('exit', () => rmSync(work, { recursive: true, force: true }));
const loadAtStart = loadavg()[0]!;
const startedAt = new Date().toISOString();
const results: Record<Build['mode'], Run[]> = { built: [], baseline: [] };
try {
  for (let round = 0; round < RUNS; round++)
    // A B, B A, …: neither side always runs first (the second of a pair has run faster).
    for (const build of round % 2 === 0 ? builds : [...builds].reverse())
      results[build.mode].push(await once(build, round, work));
} finally {
  rmSync(work, { recursive: true, force: true });
}
const loadAtEnd = loadavg()[0]!;

const ofBuild = (rs: Run[]) => ({
  ...Object.fromEntries(CASES.map((c) => [c, summary(rs, c)])),
  initMs: spread(rs.map((r) => r.initMs)),
  firstAnswerMs: spread(rs.map((r) => r.firstAnswerMs)),
  automationsSettledMs: rs.map((r) => ({ round: r.round, ...r.automationsSettledMs })),
});
/** This build to the baseline, round by round (the runs made side by side), and their median. */
const ratios = (c: Case) => {
  const pairs = results.built.map((b, i) => [b.cases[c], results.baseline[i]!.cases[c]] as const);
  const ops = pairs.map(([b, a]) => r3(b.ops / a.ops));
  const p99 = pairs.map(([b, a]) => r3(b.p99Ms / a.p99Ms));
  return {
    ops: { median: spread(ops).median, rounds: ops },
    p99: { median: spread(p99).median, rounds: p99 },
  };
};
const meets = (s: Measured) => s.ops >= TARGET.opsAtLeast && s.p99Ms < TARGET.p99BelowMs;
const unexpected = builds.flatMap((b) =>
  results[b.mode].flatMap((r) =>
    CASES.flatMap((c) =>
      Object.keys(r.cases[c].statuses)
        .filter((s) => s !== (c === 'apiUpdates' ? '200' : '201'))
        .map((s) => `${b.mode} round ${r.round} ${c}: ${r.cases[c].statuses[s]} × ${s}`),
    ),
  ),
);
for (const line of unexpected) say(`unexpected status: ${line}`);

console.log(
  JSON.stringify(
    {
      bench: 'API writes and intake, black-box on trellis start (apps/cli bench/writes.ts)',
      startedAt,
      cores: availableParallelism(),
      cases: CASES,
      requests: { measured: TOTAL, warmup: WARMUP, intakeWarmup: INTAKE_WARMUP },
      concurrency: { api: API_CONCURRENCY, intake: INTAKE_CONCURRENCY },
      rounds: RUNS,
      order: Array.from({ length: RUNS }, (_, i) =>
        (i % 2 === 0 ? builds : [...builds].reverse()).map((b) => b.mode).join(' '),
      ),
      builds: Object.fromEntries(builds.map((b) => [b.mode, b.what])),
      loadAvg1m: { start: loadAtStart, end: loadAtEnd },
      built: ofBuild(results.built),
      ...(baseline
        ? {
            baseline: ofBuild(results.baseline),
            ratioToBaseline: Object.fromEntries(CASES.map((c) => [c, ratios(c)])),
          }
        : {}),
      target: {
        ...TARGET,
        // Runs of this build that met it, of all its runs.
        ...(CASES.includes('apiCreates')
          ? { apiCreatesMetInRuns: results.built.filter((r) => meets(r.cases.apiCreates)).length }
          : {}),
        ...(CASES.includes('apiUpdates')
          ? { apiUpdatesMetInRuns: results.built.filter((r) => meets(r.cases.apiUpdates)).length }
          : {}),
        runs: results.built.length,
        // Intake no slower than the baseline: this build's submissions/s over the baseline's, by round.
        ...(baseline && CASES.includes('intake')
          ? { intakeNoSlower: ratios('intake').ops.median >= 1 }
          : {}),
      },
      unexpectedStatuses: unexpected,
    },
    null,
    2,
  ),
);
