import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { ratio, summarise, type Sample } from '@trellis/tooling/bench';
import { startPgServer } from '@trellis/tooling/pg';
import { openStore } from '@trellis/store';

/**
 * Several `trellis start` processes on one PostgreSQL database against one on SQLite, from the
 * outside over loopback, in one run (issue 13): public-form submissions at concurrency 16 and
 * API creates (`POST /api/v1/records/lead`, an admin's session) at concurrency 10, spread
 * evenly over the processes; education template, automations on. Also where the CPU went: the
 * server processes' and PostgreSQL's user+system time per request (from /proc), and how long
 * the automations took to catch up after the load. Prints JSON; ratios are to SQLite in the
 * same run. Run: pnpm --filter @trellis/cli bench:cluster (builds dist first).
 */
const cli = join(import.meta.dirname, '..');
const BIN = join(cli, 'dist', 'main.js');
const WORKER = join(cli, '..', 'server', 'bench', 'load-worker.mjs');
const INTAKE = Number(process.env.BENCH_REQUESTS ?? 3000);
const API = Math.round(INTAKE / 3);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 500);
const PROCESSES = [1, 2, 4];
const TICKS_PER_S = 100; // USER_HZ: /proc times are in 1/100 s on Linux

/** CPU ms (user + system) of the given pids, or of every process named `postgres`. */
function cpuMs(filter: { pids?: number[]; comm?: string }): number {
  let ticks = 0;
  const pids =
    filter.pids ??
    readdirSync('/proc')
      .filter((d) => /^\d+$/.test(d))
      .map(Number);
  for (const pid of pids)
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      if (filter.comm && comm !== filter.comm) continue;
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]); // + waited-for children
    } catch {
      // the process ended meanwhile
    }
  return (ticks * 1000) / TICKS_PER_S;
}

type Load = { latencies: number[]; totalMs: number; statuses: Record<string, number> };

function load(url: string, o: Record<string, unknown>): Promise<Load> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { workerData: { url, method: 'POST', ...o } });
    // The generator says its thread id first and starts at 'go' (load-worker.mjs, since 0bae685).
    worker.on('message', (m: Load | { tid: number }) =>
      'tid' in m ? worker.postMessage('go') : resolve(m),
    );
    worker.once('error', reject);
  });
}

const env = (database?: string) => ({
  ...process.env,
  TRELLIS_LOCALE: 'en',
  TRELLIS_LOG_LEVEL: 'warn',
  TRELLIS_LIMIT_INTAKE_PER_MINUTE: '0',
  ...(database ? { DATABASE_URL: database } : {}),
});

function init(data: string, database?: string): { login: string; password: string } {
  const r = spawnSync(process.execPath, [BIN, 'init', '--data', data], {
    encoding: 'utf8',
    env: env(database),
  });
  if (r.status !== 0) throw new Error(r.stdout + r.stderr);
  const m = /Admin: (\S+)\s+password: (\S+)/.exec(r.stdout);
  if (!m) throw new Error(`no admin password in: ${r.stdout}`);
  return { login: m[1]!, password: m[2]! };
}

function start(data: string, database?: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(
    process.execPath,
    [BIN, 'start', '--data', data, '--port', '0', '--host', '127.0.0.1'],
    {
      env: env(database),
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let out = '';
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      const m = /running at (http:\/\/\S+)/.exec(out);
      if (m) resolve({ child, url: m[1]! });
    });
    child.once('exit', (code) => reject(new Error(`trellis start exited (${code}): ${out}`)));
  });
}

async function session(url: string, who: { login: string; password: string }) {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url },
    body: JSON.stringify(who),
  });
  if (res.status !== 200) throw new Error(`login ${res.status}`);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

/** Runs `total` requests spread over the processes at `concurrency` in all; one sample. */
async function spread(
  name: string,
  urls: string[],
  total: number,
  concurrency: number,
  offset: number,
  o: (url: string) => Promise<Record<string, unknown>>,
) {
  const share = Math.ceil(total / urls.length);
  const t0 = performance.now();
  const runs = await Promise.all(
    urls.map(async (u, i) =>
      load(u, {
        total: share,
        concurrency: Math.max(1, Math.round(concurrency / urls.length)),
        offset: offset + i * share,
        ...(await o(u)),
      }),
    ),
  );
  const statuses: Record<string, number> = {};
  for (const r of runs)
    for (const [k, v] of Object.entries(r.statuses)) statuses[k] = (statuses[k] ?? 0) + v;
  return {
    ...summarise(
      name,
      runs.flatMap((r) => r.latencies),
      performance.now() - t0,
    ),
    statuses,
  };
}

const round = (x: number) => Math.round(x * 100) / 100;

/** The pending outbox events, read through a short-lived store (the servers' own database). */
async function pending(database: string | undefined, data: string): Promise<number> {
  const store = await openStore({ url: database ?? join(data, 'trellis.db'), readOnly: true });
  try {
    return await store.outbox.pending();
  } finally {
    await store.close();
  }
}

async function measure(label: string, n: number, data: string, database?: string) {
  const admin = init(data, database);
  const procs = [];
  for (let i = 0; i < n; i++) procs.push(await start(data, database));
  const urls = procs.map((p) => p.url);
  try {
    const intake = (u: string) => Promise.resolve({ url: `${u}/f/apply`, bodyKind: 'lead' });
    const cookies = new Map<string, string>();
    for (const u of urls) cookies.set(u, await session(u, admin));
    const api = async (u: string) => ({
      url: `${u}/api/v1/records/lead`,
      bodyKind: 'apiLead',
      headers: { cookie: cookies.get(u)!, origin: u },
    });
    await spread('warmup', urls, WARMUP, 16, 0, intake);
    const pids = procs.map((p) => p.child.pid!);
    const cpu0 = { node: cpuMs({ pids }), pg: database ? cpuMs({ comm: 'postgres' }) : 0 };
    const intakeRun = await spread(`${label}: intake c=16`, urls, INTAKE, 16, 1_000_000, intake);
    const cpu1 = { node: cpuMs({ pids }), pg: database ? cpuMs({ comm: 'postgres' }) : 0 };
    const apiRun = await spread(`${label}: API creates c=10`, urls, API, 10, 2_000_000, api);
    const cpu2 = { node: cpuMs({ pids }), pg: database ? cpuMs({ comm: 'postgres' }) : 0 };
    const behind = await pending(database, data);
    const c0 = performance.now();
    while ((await pending(database, data)) > 0 && performance.now() - c0 < 180_000)
      await new Promise((r) => setTimeout(r, 250));
    const per = (a: number, b: number, count: number) => round((b - a) / count);
    return {
      intake: {
        ...intakeRun,
        cpuPerRequestMs: {
          servers: per(cpu0.node, cpu1.node, INTAKE),
          postgres: per(cpu0.pg, cpu1.pg, INTAKE),
        },
      },
      api: {
        ...apiRun,
        cpuPerRequestMs: {
          servers: per(cpu1.node, cpu2.node, API),
          postgres: per(cpu1.pg, cpu2.pg, API),
        },
      },
      automationsBehindAtEnd: behind,
      automationsCaughtUpMs: Math.round(performance.now() - c0),
    };
  } finally {
    await Promise.all(
      procs.map(
        (p) =>
          new Promise((r) => {
            p.child.once('exit', r);
            p.child.kill('SIGTERM');
          }),
      ),
    );
  }
}

const work = mkdtempSync(join(tmpdir(), 'trellis-cluster-bench-'));
const server = await startPgServer({ maxConnections: 200 });
const results: { label: string; intake: Sample; api: Sample; [k: string]: unknown }[] = [];
try {
  results.push({
    label: 'sqlite, 1 process',
    ...(await measure('sqlite', 1, join(work, 'sqlite'))),
  });
  for (const n of PROCESSES) {
    const db = await server.createDatabase(`bench${n}`);
    const label = `postgres, ${n} process${n > 1 ? 'es' : ''}`;
    results.push({ label, ...(await measure(label, n, join(work, `pg${n}`), db)) });
  }
} finally {
  server.stop();
  rmSync(work, { recursive: true, force: true });
}
const base = results[0]!;
console.log(
  JSON.stringify(
    {
      bench: 'trellis start: 1, 2, 4 processes on one PostgreSQL vs 1 on SQLite (loopback)',
      cores: availableParallelism(),
      requests: { intake: INTAKE, api: API },
      results: results.map((r) => ({
        ...r,
        intakeRatioToSqlite: ratio(r.intake, base.intake),
        apiRatioToSqlite: ratio(r.api, base.api),
      })),
    },
    null,
    2,
  ),
);
