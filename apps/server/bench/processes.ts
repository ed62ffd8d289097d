/**
 * Public-form intake with 1, 2 and 4 server processes on one PostgreSQL database, against one
 * process on SQLite, in one script: each process served as `trellis start` serves
 * (bench/processes-child.ts: HTTP thread, writer thread, automations on), the education
 * template, the load at concurrency 16 in all, split evenly over the processes (a load
 * balancer's round robin). Each case on a fresh database. Prints JSON: submissions/s and
 * latency while the load runs, how long the automations took to catch up after it, and the
 * ratio of each case to SQLite's single process measured in the same run.
 * PostgreSQL: a throwaway server from @trellis/tooling, or TRELLIS_TEST_PG_URL's (a database
 * per case; the throwaway server runs with fsync off: commits cost less than on a real one).
 * Run: node --conditions=@trellis/source --import tsx bench/processes.ts  (BENCH_REQUESTS=4000)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { openStore } from '@trellis/store';
import { summarise, type Sample } from '@trellis/tooling/bench';
import { createTestDatabase, startPgServer } from '@trellis/tooling/pg';
import { ensureDataDir, hashPassword } from '../src/index';
import { prepareEducationWorkspace } from './education-workspace';

const CONCURRENCY = 16;
const TOTAL = Number(process.env.BENCH_REQUESTS ?? 4000);
const WARMUP = Math.round(TOTAL / 4);
const PROCESSES = [1, 2, 4];

const pgServer = process.env.TRELLIS_TEST_PG_URL ? null : await startPgServer();
let databases = 0;

type Load = { latencies: number[]; totalMs: number; statuses: Record<string, number> };

/** One load generator thread (load-worker.mjs) against one process. */
function load(url: string, total: number, concurrency: number, offset: number): Promise<Load> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./load-worker.mjs', import.meta.url), {
      workerData: { url, method: 'POST', total, concurrency, bodyKind: 'lead', offset },
    });
    // The worker first says its thread id and waits for 'go' (run.ts reads its CPU from that
    // moment); then it answers with the load's results.
    worker.on('message', (m: { tid: number } | Load) => {
      if ('tid' in m) worker.postMessage('go');
      else resolve(m);
    });
    worker.once('error', reject);
  });
}

/** The load split over the processes; latencies of all of them, time until the last finished. */
async function loadAll(urls: string[], total: number, offset: number): Promise<Load> {
  const share = Math.floor(total / urls.length);
  const t0 = performance.now();
  const parts = await Promise.all(
    urls.map((u, i) =>
      load(`${u}/f/apply`, share, Math.ceil(CONCURRENCY / urls.length), offset + i * share),
    ),
  );
  const statuses: Record<string, number> = {};
  for (const p of parts)
    for (const [k, v] of Object.entries(p.statuses)) statuses[k] = (statuses[k] ?? 0) + v;
  return {
    latencies: parts.flatMap((p) => p.latencies),
    totalMs: performance.now() - t0,
    statuses,
  };
}

/** A server process; resolves with its URL once it listens. */
function serve(dir: string, database: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(
    process.execPath,
    ['--conditions=@trellis/source', '--import', 'tsx', 'bench/processes-child.ts', dir, database],
    { cwd: join(import.meta.dirname, '..'), stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      const m = /listening (http:\/\/\S+)/.exec(out);
      if (m) resolve({ child, url: m[1]! });
    });
    child.once('exit', (code) => reject(new Error(`server process exited (${code})`)));
  });
}

async function runCase(name: string, processes: number, pg: boolean) {
  const say = (what: string) => process.stderr.write(`${name}: ${what}\n`);
  const dir = mkdtempSync(join(tmpdir(), 'trellis-procs-'));
  const children: ChildProcess[] = [];
  try {
    const database = pg ? await newDatabase() : 'sqlite';
    const paths = ensureDataDir(dir, pg ? database : undefined);
    await prepareEducationWorkspace(paths, await hashPassword('bench-password'));
    const served = [];
    // One after another: the first applies nothing new, the others find the workspace ready.
    for (let i = 0; i < processes; i++) {
      const s = await serve(dir, database);
      children.push(s.child);
      served.push(s);
    }
    const urls = served.map((s) => s.url);
    const store = await openStore({ url: pg ? database : paths.db });
    const pending = () => store.outbox.pending();
    const caughtUp = async () => {
      const t0 = performance.now();
      while ((await pending()) > 0 && performance.now() - t0 < 300_000)
        await new Promise((r) => setTimeout(r, 100));
      return Math.round(performance.now() - t0);
    };
    say('warming up');
    await loadAll(urls, WARMUP, 0);
    say(`caught up after ${await caughtUp()} ms; measuring`);
    const t0 = performance.now();
    const run = await loadAll(urls, TOTAL, WARMUP);
    const backlog = await pending();
    say(`load done, ${backlog} events left`);
    const drainAfterLoadMs = await caughtUp();
    const endToEndMs = performance.now() - t0;
    const leads = await store.tables.count('e_lead');
    await store.close();
    const sample: Sample = summarise(name, run.latencies, run.totalMs);
    return {
      ...sample,
      processes,
      statuses: run.statuses,
      leads,
      eventsLeftAtLoadEnd: backlog,
      drainAfterLoadMs,
      // Submissions per second until every automation of the load had run.
      endToEndPerSec: Math.round((TOTAL / endToEndMs) * 1000),
    };
  } finally {
    for (const c of children) c.kill('SIGTERM');
    await Promise.all(
      children.map((c) => (c.exitCode === null ? new Promise((r) => c.once('exit', r)) : null)),
    );
    rmSync(dir, { recursive: true, force: true });
  }
}

/** An empty database for one case: on TRELLIS_TEST_PG_URL's server, else the throwaway one. */
async function newDatabase(): Promise<string> {
  const url = pgServer
    ? await pgServer.createDatabase(`procs${++databases}`)
    : await createTestDatabase('procs');
  if (!url) throw new Error('no PostgreSQL server');
  return url;
}

try {
  const sqlite = await runCase('SQLite, 1 process', 1, false);
  const cases = [];
  for (const n of PROCESSES)
    cases.push(await runCase(`PostgreSQL, ${n} process${n > 1 ? 'es' : ''}`, n, true));
  const r = (a: number, b: number) => Math.round((a / b) * 1000) / 1000;
  console.log(
    JSON.stringify(
      {
        bench: 'intake by server processes',
        requests: TOTAL,
        concurrency: CONCURRENCY,
        baseline: sqlite,
        postgres: cases.map((c) => ({
          ...c,
          ratioToSqlite: r(c.ops, sqlite.ops),
          endToEndRatioToSqlite: r(c.endToEndPerSec, sqlite.endToEndPerSec),
        })),
      },
      null,
      2,
    ),
  );
} finally {
  pgServer?.stop();
}
