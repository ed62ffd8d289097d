/**
 * Automation throughput and latency on a WAL file database with the education template's
 * automations plus 50 extra rules:
 * - drain: outbox events processed per second (leads created first, then drained), against a
 *   same-process baseline with no automations (the bare claim/complete cost of the outbox);
 * - write-to-effect latency: from `records.create` until the routing automation has set the
 *   owner, (a) draining right after the write, (b) with the background worker loop.
 * Run: node --conditions=@trellis/source --import tsx bench/automations.ts   (prints JSON)
 * On PostgreSQL: BENCH_STORE=pg under packages/tooling/pg-test-server.mjs (a fresh database per
 * case on the throwaway server): node packages/tooling/pg-test-server.mjs -- sh -c
 * 'cd packages/engine && BENCH_STORE=pg node --conditions=@trellis/source --import tsx bench/automations.ts'
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { percentile } from '@trellis/tooling/bench';
import type { AppSpec } from '@trellis/spec';
import { openStore } from '@trellis/store';
import { createTestDatabase } from '@trellis/tooling/pg';
import { createAutomations, createEngine, uuidv7Ids } from '../src/index';
import { educationSpec } from '../test/automations/support/education';
import { seedPeople } from '../test/automations/support/harness';

const LEADS = Number(process.env.BENCH_LEADS ?? 2000);
const LATENCY_RUNS = Number(process.env.BENCH_LATENCY_RUNS ?? 300);
const dir = mkdtempSync(join(tmpdir(), 'trellis-automations-bench-'));
const label = { 'zh-CN': '规则', en: 'Rule' };
const COURSES = ['python', 'dataAnalysis', 'uiDesign', 'frontend', 'java'];
const CITIES = ['330100', '110100', '310100', '440300', '510100'];

/** 50 extra rules of the kinds builders write: tags by campaign, tasks for VIP budgets, alerts on intent changes. */
function extraRules(): unknown[] {
  const rules: unknown[] = [];
  for (let i = 0; i < 20; i++) {
    rules.push({
      key: `campaign-${i}`,
      label,
      on: { type: 'record.created', entity: 'lead' },
      if: { '==': [{ var: 'campaignCode' }, `c${i}`] },
      do: [{ type: 'setFields', values: { intentLevel: 'b' } }],
    });
  }
  for (let i = 0; i < 15; i++) {
    rules.push({
      key: `budget-${i}`,
      label,
      on: { type: 'record.created', entity: 'lead' },
      if: {
        and: [
          { '==': [{ var: 'budgetRange' }, 'over20k'] },
          { '==': [{ var: 'city' }, CITIES[i % 5]] },
          { '==': [{ var: 'course' }, COURSES[i % 5]] },
        ],
      },
      do: [{ type: 'createTask', title: 'VIP {{name}}', assignee: 'owner', dueIn: '4h' }],
    });
  }
  for (let i = 0; i < 15; i++) {
    rules.push({
      key: `intent-${i}`,
      label,
      on: { type: 'field.changed', entity: 'lead', field: 'intentLevel' },
      if: {
        and: [
          { '==': [{ var: 'intentLevel' }, 'a'] },
          { '==': [{ var: 'course' }, COURSES[i % 5]] },
        ],
      },
      do: [
        {
          type: 'notify',
          channel: 'inApp',
          to: ['owner.supervisor'],
          message: '{{name}} 意向提升',
        },
      ],
    });
  }
  return rules;
}

function lead(n: number): Record<string, unknown> {
  return {
    name: `线索${n}`,
    phone: `+86138${String(n).padStart(8, '0')}`,
    source: 'douyin',
    campaignCode: `c${n % 40}`,
    course: COURSES[n % 5],
    budgetRange: n % 3 === 0 ? 'over20k' : 'from5kTo10k',
    city: CITIES[n % 5],
  };
}

const ON_PG = process.env.BENCH_STORE === 'pg';

/** A fresh database for one case: a WAL file, or a PostgreSQL database on the test server. */
async function databaseUrl(name: string): Promise<string> {
  if (!ON_PG) return join(dir, `${name}.db`);
  const url = await createTestDatabase('bench');
  if (!url) throw new Error('BENCH_STORE=pg needs TRELLIS_TEST_PG_URL (pg-test-server.mjs -- …)');
  return url;
}

async function setup(name: string, spec: AppSpec, pollMs = 200) {
  const store = await openStore({ url: await databaseUrl(name) });
  await store.migrations.syncEntityTables(spec);
  await seedPeople(store, spec);
  const engine = createEngine({ store, spec, ids: uuidv7Ids });
  const automations = createAutomations(engine, { options: { pollMs } });
  return { store, engine, automations };
}
const intake = { actor: { kind: 'public' as const }, via: 'intake' as const };

async function drainThroughput(name: string, spec: AppSpec) {
  const s = await setup(name, spec);
  for (let i = 0; i < LEADS; i++) {
    const r = await s.engine.records.create('lead', lead(i), intake);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
  }
  const sent = s.store.maintenance.statements();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const report = await s.automations.drain();
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const statements = s.store.maintenance.statements() - sent;
  const effects = await s.store.tables.count('action_effects');
  await s.store.close();
  return {
    name,
    events: report.events,
    runs: report.runs,
    effects,
    ms: Math.round(ms),
    eventsPerSec: Math.round((report.events / ms) * 1000),
    runsPerSec: Math.round((report.runs / ms) * 1000),
    // This process's CPU per event: unlike events/s, hardly moved by other work on the machine.
    cpuMsPerEvent: Math.round(((cpu.user + cpu.system) / 1000 / report.events) * 100) / 100,
    // Statements sent to the server per event (PostgreSQL: round trips; SQLite has none).
    ...(ON_PG ? { roundTripsPerEvent: Math.round((statements / report.events) * 100) / 100 } : {}),
  };
}

function summary(name: string, lat: number[]) {
  const sorted = [...lat].sort((a, b) => a - b);
  const r = (x: number) => Math.round(x * 1000) / 1000;
  return {
    name,
    runs: lat.length,
    p50Ms: r(percentile(sorted, 50)),
    p95Ms: r(percentile(sorted, 95)),
    p99Ms: r(percentile(sorted, 99)),
  };
}

/** Create then drain at once: the processing cost of one write's automations (incl. follow-up events). */
async function latencySync(spec: AppSpec) {
  const s = await setup('latency-sync', spec);
  const lat: number[] = [];
  for (let i = 0; i < LATENCY_RUNS; i++) {
    const t0 = performance.now();
    const r = await s.engine.records.create('lead', { ...lead(i), course: 'python' }, intake);
    await s.automations.drain();
    // Read from the store: a public submitter may not read the lead once it is owned.
    const got = r.ok ? await s.store.records(spec).get('lead', r.record.id) : null;
    if (!got?.ownerId) throw new Error('not routed');
    lat.push(performance.now() - t0);
  }
  await s.store.close();
  return summary('write → owner set (create + drain in the same call)', lat);
}

/** The background loop (pollMs 5): time until the owner appears, polled every 0.2 ms from the writer's side. */
async function latencyLoop(spec: AppSpec) {
  const s = await setup('latency-loop', spec, 5);
  s.automations.start({ tickMs: 60_000 });
  const leads = s.store.records(spec);
  const lat: number[] = [];
  for (let i = 0; i < Math.min(LATENCY_RUNS, 200); i++) {
    const t0 = performance.now();
    const r = await s.engine.records.create('lead', { ...lead(i), course: 'python' }, intake);
    if (!r.ok) throw new Error('create');
    while (!(await leads.get('lead', r.record.id))?.ownerId)
      await new Promise((res) => setTimeout(res, 0.2));
    lat.push(performance.now() - t0);
  }
  await s.automations.stop();
  await s.store.close();
  return summary('write → owner set (background worker, pollMs 5)', lat);
}

const education = educationSpec();
const withExtra = {
  ...education,
  automations: [...(education.automations ?? []), ...extraRules()],
} as AppSpec;
const baseline = await drainThroughput('baseline: outbox only, no automations', {
  ...education,
  automations: [],
} as AppSpec);
const educationOnly = await drainThroughput(
  `education automations (${education.automations?.length ?? 0})`,
  education,
);
const full = await drainThroughput(
  `education + 50 extra rules (${withExtra.automations?.length ?? 0})`,
  withExtra,
);
const out = {
  bench: 'automations',
  store: ON_PG ? 'postgres' : 'sqlite',
  leads: LEADS,
  drain: [baseline, educationOnly, full],
  // events/s against the bare outbox of the same run: education alone, and with 50 rules more.
  educationRatioToBaseline:
    Math.round((educationOnly.eventsPerSec / baseline.eventsPerSec) * 1000) / 1000,
  ratioToBaseline: Math.round((full.eventsPerSec / baseline.eventsPerSec) * 1000) / 1000,
  latency: [await latencySync(withExtra), await latencyLoop(withExtra)],
};
console.log(JSON.stringify(out, null, 2));
rmSync(dir, { recursive: true, force: true });
