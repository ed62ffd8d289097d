/**
 * HTTP benchmark: public-form submissions per second at concurrency 16 over loopback with the
 * education template (validation, dedupe, assignment and automations on), next to a bare Hono
 * hello-world measured in the same script (the floor of a SQLite insert, without HTTP, is
 * packages/store's bench:insert). Prints JSON.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { Hono } from 'hono';
import { ratio, summarise } from '@trellis/tooling/bench';
import type { Sample } from '@trellis/tooling/bench';
import { probed } from '@trellis/tooling/machine-probe';
import {
  ensureDataDir,
  hashPassword,
  installSpec,
  listen,
  openRuntime,
  openServingRuntime,
} from '../src/index';
import { ADMIN_ROLE } from '@trellis/engine';
import { educationSpec } from '../test/stack';
import { prepareEducationWorkspace } from './education-workspace';
import { cpuPerRequest, pinLoadApart, threadCpu } from './thread-cpu';

const CONCURRENCY = 16;
/** People working in the app at once: API creates and updates run at this concurrency. */
const API_CONCURRENCY = 10;
const TOTAL = Number(process.env.BENCH_REQUESTS ?? 8000);
const WARMUP = 800;
/** Intake variants warm up longer: each runs on a fresh data directory with new threads to JIT. */
const INTAKE_WARMUP = 2000;
/**
 * `BENCH_ONLY=api`: only the API writes and the hello-world baseline; `BENCH_ONLY=creates`: only
 * the API creates (to profile them, e.g. with `node --cpu-prof`, which profiles every thread);
 * `BENCH_ONLY=intake`: only the intake with automations on (A/B runs of the intake path).
 */
const ONLY = process.env.BENCH_ONLY;
/**
 * `BENCH_PIN=1`: the load generator on one core, the server's threads on the others
 * (bench/thread-cpu.ts), as a client on another machine would leave them.
 */
const PIN = process.env.BENCH_PIN === '1';
/**
 * `BENCH_YOUNG=48,96,48,96`: only the writer's work (API creates and updates, intake as `trellis
 * start` runs it), once per listed young generation of the writer thread (MiB; 48 is V8's
 * default, 96 gives 32 MiB semi-spaces; src/setup/young-generation.ts), in that order, each on
 * a fresh data directory with this process's resident memory sampled. Alternate the order: the
 * second of a pair ran faster whichever it was. Unset: every phase at the server's default.
 */
const YOUNG = process.env.BENCH_YOUNG?.split(',').map(Number);

type BodyKind = 'lead' | 'none' | 'apiLead' | 'apiUpdate';
/** Per-run options of the load generator: lanes, extra headers, one path per request. */
type LoadOptions = {
  concurrency?: number;
  headers?: Record<string, string>;
  /** One path per request (edits of distinct records). */
  paths?: string[];
  /** The version each edited record is at (sent with its edit). */
  versions?: number[];
};

type LoadRun = {
  latencies: number[];
  totalMs: number;
  statuses: Record<string, number>;
  /** CPU per request of each thread (bench/thread-cpu.ts). */
  cpu: ReturnType<typeof cpuPerRequest>;
};

function load(
  url: string,
  method: string,
  total: number,
  bodyKind: BodyKind,
  offset: number,
  opts: LoadOptions = {},
): Promise<LoadRun> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./load-worker.mjs', import.meta.url), {
      workerData: {
        url,
        method,
        total,
        concurrency: opts.concurrency ?? CONCURRENCY,
        bodyKind,
        offset,
        headers: opts.headers ?? {},
        paths: opts.paths,
        versions: opts.versions,
      },
    });
    let before = new Map<number, number>();
    let tid = 0;
    worker.on('message', (m: { tid: number } | Omit<LoadRun, 'cpu'>) => {
      if ('tid' in m) {
        tid = m.tid;
        if (PIN && tid) pinLoadApart(tid);
        before = threadCpu();
        worker.postMessage('go');
        return;
      }
      resolve({ ...m, cpu: cpuPerRequest(before, threadCpu(), tid, total) });
    });
    worker.once('error', reject);
  });
}

async function measure(
  name: string,
  url: string,
  method: string,
  bodyKind: BodyKind,
  offset: { n: number },
  opts: LoadOptions = {},
): Promise<
  Sample & {
    statuses: Record<string, number>;
    cpuPerRequestMs: LoadRun['cpu'];
    machine: Awaited<ReturnType<typeof probed>>['machine'];
  }
> {
  const { paths, versions } = opts;
  await load(url, method, WARMUP, bodyKind, offset.n, {
    ...opts,
    ...(paths ? { paths: paths.slice(0, WARMUP) } : {}),
    ...(versions ? { versions: versions.slice(0, WARMUP) } : {}),
  });
  offset.n += WARMUP;
  // The machine's speed just before and after the measured run (@trellis/tooling/machine-probe).
  const { value: run, machine } = await probed(() =>
    load(url, method, TOTAL, bodyKind, offset.n, {
      ...opts,
      ...(paths ? { paths: paths.slice(WARMUP, WARMUP + TOTAL) } : {}),
      ...(versions ? { versions: versions.slice(WARMUP, WARMUP + TOTAL) } : {}),
    }),
  );
  offset.n += TOTAL;
  return {
    ...summarise(name, run.latencies, run.totalMs),
    statuses: run.statuses,
    cpuPerRequestMs: run.cpu,
    machine,
  };
}

type IntakeMode = 'paused' | 'asStart';

/**
 * One intake variant on a fresh data directory (the same starting point for each):
 * `paused` — written in the HTTP thread, no automation loop (events queue up);
 * `asStart` — as `trellis start` runs: every write and the automations in the writer thread.
 * With automations on it also waits for the backlog and reports how long that took.
 */
async function intakePhase(name: string, mode: IntakeMode, hash: string, youngMb?: number) {
  const dir = mkdtempSync(join(tmpdir(), 'trellis-bench-'));
  try {
    const paths = ensureDataDir(dir);
    await prepareEducationWorkspace(paths, hash);
    const server = { limits: { intakePerMinute: 0 }, log: () => {} };
    const rt =
      mode === 'asStart'
        ? await openServingRuntime(paths, {
            server,
            ...(youngMb ? { writerYoungGenerationMb: youngMb } : {}),
          })
        : await openRuntime(paths, { server });
    // The count thread of `trellis start` takes no part in a phase, but its start (loading the
    // engine, here through tsx) took CPU from the first measured requests after the server's
    // start (session 19: docs/deploy.md); a running server's counts do not.
    if (mode === 'asStart')
      await (rt as Awaited<ReturnType<typeof openServingRuntime>>).counts?.ready;
    const automationsOn = mode === 'asStart';
    const trellis = await listen(rt.app, { port: 0, hostname: '127.0.0.1' });
    const offset = { n: 0 };
    const url = `${trellis.url}/f/apply`;
    await load(url, 'POST', INTAKE_WARMUP, 'lead', offset.n);
    offset.n += INTAKE_WARMUP;
    const caughtUp = async (limitMs: number) => {
      const t0 = performance.now();
      while (
        automationsOn &&
        (await rt.automations.pending()) !== 0 &&
        performance.now() - t0 < limitMs
      )
        await new Promise((r) => setTimeout(r, 100));
    };
    const leadCounts = async () => {
      const all = await rt.store.tables.rows('e_lead');
      return { n: all.length, owned: all.filter((r) => r.owner_id !== null).length };
    };
    await caughtUp(120_000);
    const phaseStart = performance.now();
    const before = await leadCounts();
    const sample = await measure(name, url, 'POST', 'lead', offset);
    // Leads of this load routed (given an owner by the automations) while it ran: the drain
    // gives way to forwarded writes and works the backlog off after a burst.
    const atEnd = await leadCounts();
    const routedDuringLoad = { leads: atEnd.n - before.n, routed: atEnd.owned - before.owned };
    // How far behind the automations were, and submissions per second until all their automations ran.
    const drainStart = performance.now();
    await caughtUp(120_000);
    const drainAfterLoadMs = Math.round(performance.now() - drainStart);
    // The search index is written behind, by the writer once automations are done.
    const searchStart = performance.now();
    while (
      automationsOn &&
      (await rt.store.tables.count('e_lead_search_pending')) > 0 &&
      performance.now() - searchStart < 60_000
    )
      await new Promise((r) => setTimeout(r, 20));
    const searchIndexedAfterMs = Math.round(performance.now() - searchStart);
    const endToEnd = { leads: WARMUP + TOTAL, ms: Math.round(performance.now() - phaseStart) };
    const leads = await leadCounts();
    await trellis.close();
    await rt.close();
    return {
      sample,
      ...(automationsOn
        ? {
            automations: {
              routedDuringLoad,
              drainAfterLoadMs,
              searchIndexedAfterMs,
              leads: leads.n,
              assigned: leads.owned,
            },
            endToEnd: {
              ...endToEnd,
              leadsPerSecond: Math.round((endToEnd.leads / endToEnd.ms) * 1000),
            },
          }
        : {}),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * API writes as `trellis start` serves them (writer thread, automations on), on a fresh data
 * directory: `POST /api/v1/records/lead` and then `PATCH` of each lead it created (at version 1),
 * both at concurrency 10 with an admin's API token.
 */
async function apiPhase(hash: string, youngMb?: number) {
  const dir = mkdtempSync(join(tmpdir(), 'trellis-bench-'));
  try {
    const paths = ensureDataDir(dir);
    const rt0 = await openRuntime(paths);
    const installed = await installSpec(rt0.store, educationSpec());
    if (!installed.ok) throw new Error(JSON.stringify(installed.errors.slice(0, 3)));
    for (const [login, team] of [
      ['a1', 'tech'],
      ['a2', 'tech'],
      ['d1', 'design'],
      ['s1', 'shanghai'],
    ])
      await rt0.app.ctx.users.insert(
        { login: login!, passwordHash: hash, role: 'sales', teams: [team!] },
        Date.now(),
      );
    const adminId = await rt0.app.ctx.users.insert(
      { login: 'boss', passwordHash: hash, role: ADMIN_ROLE },
      Date.now(),
    );
    const { token } = await rt0.app.ctx.tokens.issue(
      { name: 'bench', role: ADMIN_ROLE, userId: adminId, createdBy: adminId },
      Date.now(),
    );
    await rt0.close();
    const rt = await openServingRuntime(paths, {
      server: { log: () => {} },
      ...(youngMb ? { writerYoungGenerationMb: youngMb } : {}),
    });
    await rt.counts?.ready;
    const trellis = await listen(rt.app, { port: 0, hostname: '127.0.0.1' });
    const opts = { concurrency: API_CONCURRENCY, headers: { authorization: `Bearer ${token}` } };
    const url = `${trellis.url}/api/v1/records/lead`;
    const offset = { n: 0 };
    const creates = await measure(
      'API creates (c=10, automations on)',
      url,
      'POST',
      'apiLead',
      offset,
      opts,
    );
    if (ONLY === 'creates') {
      console.log(JSON.stringify({ samples: [creates] }, null, 2));
      process.exit(0);
    }
    // The automations settle first (they assign an owner: a new version), then each lead created
    // above is edited once at the version it has.
    const t0 = performance.now();
    while ((await rt.automations.pending()) !== 0 && performance.now() - t0 < 120_000)
      await new Promise((r) => setTimeout(r, 100));
    const rows = await rt.store.tables.rows('e_lead');
    if (rows.length < WARMUP + TOTAL) throw new Error(`only ${rows.length} leads to update`);
    const ids = rows.map((r) => `/api/v1/records/lead/${String(r.id)}`);
    const versions = rows.map((r) => Number(r.version));
    const updates = await measure(
      'API updates (c=10, automations on)',
      url,
      'PATCH',
      'apiUpdate',
      offset,
      {
        ...opts,
        paths: ids,
        versions,
      },
    );
    await trellis.close();
    await rt.close();
    return { creates, updates };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The writer's work once per young generation (BENCH_YOUNG), with this process's resident memory
 * (every thread: the writer runs in it) sampled every 50 ms: at the start of each run (idle,
 * before its threads started), and its peak.
 */
async function youngGenerations(sizes: number[], hash: string, hello: Sample) {
  const rssMiB = () => Math.round(process.memoryUsage().rss / 1_048_576);
  const runs = [];
  for (const youngMb of sizes) {
    const idleMiB = rssMiB();
    let peakMiB = idleMiB;
    const sampler = setInterval(() => (peakMiB = Math.max(peakMiB, rssMiB())), 50);
    const load = [loadavg()[0]];
    const api = await apiPhase(hash, youngMb);
    const intake = await intakePhase('intake (automations on)', 'asStart', hash, youngMb);
    clearInterval(sampler);
    load.push(loadavg()[0]);
    const figures = (s: Awaited<ReturnType<typeof measure>>) => ({
      ops: s.ops,
      p50Ms: s.medianMs,
      p99Ms: s.p99Ms,
      ratioToHello: ratio(s, hello),
      writerCpuMs: s.cpuPerRequestMs,
    });
    runs.push({
      writerYoungGenerationMb: youngMb,
      apiCreates: figures(api.creates),
      apiUpdates: figures(api.updates),
      intake: { ...figures(intake.sample), endToEnd: intake.endToEnd },
      rssMiB: { atStart: idleMiB, peak: peakMiB },
      loadAvg1m: load,
    });
  }
  return { bench: 'writer young generation', requests: TOTAL, hello: hello.ops, runs };
}

{
  const hello = new Hono().post('/', (c) => c.json({ ok: true }));
  const helloServer = await listen(hello as never, { port: 0, hostname: '127.0.0.1' });

  const offset = { n: 0 };
  const helloSample = await measure(
    'hono hello-world',
    `${helloServer.url}/`,
    'POST',
    'none',
    offset,
  );
  await helloServer.close();

  const hash = await hashPassword('bench-password');
  if (YOUNG) {
    console.log(JSON.stringify(await youngGenerations(YOUNG, hash, helloSample), null, 2));
    process.exit(0);
  }
  if (ONLY === 'intake') {
    const only = await intakePhase(
      'public form intake (education, automations on)',
      'asStart',
      hash,
    );
    console.log(JSON.stringify({ samples: [helloSample, only.sample], ...only }, null, 2));
    process.exit(0);
  }
  const api = await apiPhase(hash);
  if (ONLY === 'api') {
    console.log(JSON.stringify({ samples: [helloSample, api.creates, api.updates] }, null, 2));
    process.exit(0);
  }
  const paused = await intakePhase('public form intake, automation worker paused', 'paused', hash);
  const asStart = await intakePhase(
    'public form intake (education, automations on)',
    'asStart',
    hash,
  );
  const intake = asStart.sample;
  const apiTarget = (s: Awaited<ReturnType<typeof measure>>) => ({
    ops: s.ops,
    p50Ms: s.medianMs,
    p99Ms: s.p99Ms,
    statuses: s.statuses,
    cpuPerRequestMs: s.cpuPerRequestMs,
    machine: s.machine,
    ratioToHello: ratio(s, helloSample),
    target: { opsAtLeast: 2000, p99BelowMs: 25, met: s.ops >= 2000 && s.p99Ms < 25 },
  });
  console.log(
    JSON.stringify(
      {
        concurrency: CONCURRENCY,
        requests: TOTAL,
        samples: [helloSample, paused.sample, intake, api.creates, api.updates],
        intakeWritePathOnly: {
          ops: paused.sample.ops,
          p50Ms: paused.sample.medianMs,
          p99Ms: paused.sample.p99Ms,
          ratioToHello: ratio(paused.sample, helloSample),
        },
        intake: {
          ops: intake.ops,
          p50Ms: intake.medianMs,
          p99Ms: intake.p99Ms,
          ratioToHello: ratio(intake, helloSample),
        },
        automations: asStart.automations,
        endToEnd: asStart.endToEnd,
        target: { opsAtLeast: 3000, p99BelowMs: 25, met: intake.ops >= 3000 && intake.p99Ms < 25 },
        api: { creates: apiTarget(api.creates), updates: apiTarget(api.updates) },
      },
      null,
      2,
    ),
  );
}
