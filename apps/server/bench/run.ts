/**
 * HTTP benchmark: public-form submissions per second at concurrency 16 over loopback with the
 * education template (validation, dedupe, assignment and automations on), next to a bare Hono
 * hello-world and a bare SQLite insert endpoint measured in the same script. Prints JSON.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { Hono } from 'hono';
import { openDatabase } from '@trellis/store';
import { ratio, summarise } from '@trellis/tooling/bench';
import type { Sample } from '@trellis/tooling/bench';
import { ensureDataDir, hashPassword, installSpec, listen, openRuntime, startAutomationThread, startIntakeWriter } from '../src/index';
import { educationSpec } from '../test/stack';

const CONCURRENCY = 16;
const TOTAL = Number(process.env.BENCH_REQUESTS ?? 8000);
const WARMUP = 800;

function load(url: string, method: string, total: number, bodyKind: 'lead' | 'row' | 'none', offset: number): Promise<{ latencies: number[]; totalMs: number; statuses: Record<string, number> }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./load-worker.mjs', import.meta.url), { workerData: { url, method, total, concurrency: CONCURRENCY, bodyKind, offset } });
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}

async function measure(name: string, url: string, method: string, bodyKind: 'lead' | 'row' | 'none', offset: { n: number }): Promise<Sample & { statuses: Record<string, number> }> {
  await load(url, method, WARMUP, bodyKind, offset.n);
  offset.n += WARMUP;
  const run = await load(url, method, TOTAL, bodyKind, offset.n);
  offset.n += TOTAL;
  return { ...summarise(name, run.latencies, run.totalMs), statuses: run.statuses };
}

const dir = mkdtempSync(join(tmpdir(), 'trellis-bench-'));
try {
  const paths = ensureDataDir(dir);
  const rt0 = openRuntime(paths);
  const installed = installSpec(rt0.db, educationSpec());
  if (!installed.ok) throw new Error(JSON.stringify(installed.errors.slice(0, 3)));
  const hash = await hashPassword('bench-password');
  for (const [login, team] of [['a1', 'tech'], ['a2', 'tech'], ['d1', 'design'], ['h1', 'hangzhou'], ['s1', 'shanghai'], ['s2', 'sales']]) {
    rt0.app.ctx.users.insert({ login: login!, passwordHash: hash, role: 'sales', teams: [team!] }, Date.now());
  }
  rt0.close();

  const rt = openRuntime(paths, { server: { limits: { intakePerMinute: 0 }, log: () => {} } });
  const trellis = await listen(rt.app, { port: 0, hostname: '127.0.0.1' });

  const hello = new Hono().post('/', (c) => c.json({ ok: true }));
  const helloServer = await listen(hello as never, { port: 0, hostname: '127.0.0.1' });

  const bare = openDatabase(join(dir, 'bare.db'));
  bare.sqlite.exec('CREATE TABLE rows (id INTEGER PRIMARY KEY, name TEXT, phone TEXT, at INTEGER)');
  const insert = bare.sqlite.prepare('INSERT INTO rows (name, phone, at) VALUES (?, ?, ?)');
  const insertApp = new Hono().post('/', async (c) => {
    const b = (await c.req.json()) as { name: string; phone: string };
    insert.run(b.name, b.phone, Date.now());
    return c.json({ ok: true }, 201);
  });
  const insertServer = await listen(insertApp as never, { port: 0, hostname: '127.0.0.1' });

  const offset = { n: 0 };
  const helloSample = await measure('hono hello-world', `${helloServer.url}/`, 'POST', 'none', offset);
  const insertSample = await measure('bare insert endpoint', `${insertServer.url}/`, 'POST', 'row', offset);
  // First the write path alone (events queue up), then as `trellis start` runs: with the
  // automation worker (routing, tasks, SLA) in its own thread and connection.
  const intakeOnly = await measure('public form intake, automation worker paused', `${trellis.url}/f/apply`, 'POST', 'lead', offset);
  const worker = startAutomationThread(paths.db, { checkpointsOf: rt.db });
  const caughtUp = async () => {
    while (worker.pending() !== 0) await new Promise((r) => setTimeout(r, 100));
  };
  await caughtUp();
  // The write path in the HTTP thread, automations on (intake as before the writer thread).
  const inHttpThread = await measure('public form intake written in the HTTP thread, automations on', `${trellis.url}/f/apply`, 'POST', 'lead', offset);
  await caughtUp();
  // As `trellis start` runs: submissions written by the intake writer thread.
  rt.app.ctx.intakeWriter = startIntakeWriter(paths.db, { checkpointsElsewhere: true });
  const phaseStart = performance.now();
  const intake = await measure('public form intake (education, automations on)', `${trellis.url}/f/apply`, 'POST', 'lead', offset);

  // Let the worker finish the automations the load queued, and report how far behind it was.
  const drainStart = performance.now();
  while (worker.pending() !== 0 && performance.now() - drainStart < 120_000) await new Promise((r) => setTimeout(r, 100));
  const drainAfterLoadMs = Math.round(performance.now() - drainStart);
  // Submissions of the phase (warm-up included) per second until their automations had all run.
  const endToEnd = { leads: WARMUP + TOTAL, ms: Math.round(performance.now() - phaseStart) };
  const leads = (rt.db.sqlite.prepare('SELECT count(*) AS n, count(owner_id) AS owned FROM e_lead').get() as { n: number; owned: number });

  await trellis.close();
  await rt.app.ctx.intakeWriter.stop();
  await helloServer.close();
  await insertServer.close();
  await worker.stop();
  rt.close();
  bare.close();
  console.log(
    JSON.stringify(
      {
        concurrency: CONCURRENCY,
        requests: TOTAL,
        samples: [helloSample, insertSample, intakeOnly, inHttpThread, intake],
        intakeWritePathOnly: { ops: intakeOnly.ops, p50Ms: intakeOnly.medianMs, p99Ms: intakeOnly.p99Ms, ratioToBareInsert: ratio(intakeOnly, insertSample) },
        intakeInHttpThread: { ops: inHttpThread.ops, p50Ms: inHttpThread.medianMs, p99Ms: inHttpThread.p99Ms },
        intake: { ops: intake.ops, p50Ms: intake.medianMs, p99Ms: intake.p99Ms, ratioToHello: ratio(intake, helloSample), ratioToBareInsert: ratio(intake, insertSample) },
        automations: { drainAfterLoadMs, leads: leads.n, assigned: leads.owned },
        endToEnd: { ...endToEnd, leadsPerSecond: Math.round((endToEnd.leads / endToEnd.ms) * 1000) },
        target: { opsAtLeast: 3000, p99BelowMs: 25, met: intake.ops >= 3000 && intake.p99Ms < 25 },
      },
      null,
      2,
    ),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
