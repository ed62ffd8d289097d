/**
 * Cost of the automation worker per intake lead, set up like the server's worker thread: the
 * education template published in spec_versions (the engine follows the live version), the
 * permission port, public-form leads written as intake does (record + form.submitted event in
 * one transaction), then the backlog drained in `drain({ transactions: 1 })` steps as the
 * background loop does. Prints JSON: leads/s, events/s, µs of CPU per lead and how long each
 * drain step held the write lock (p50/p99/max), for the server's batch size (8) and the default
 * (50). Each case runs ROUNDS times on a fresh database (after one discarded warm-up round,
 * cases interleaved); the medians are reported.
 * Run: node --conditions=@trellis/source --import tsx bench/backlog.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { percentile } from '@trellis/tooling/bench';
import { openStore } from '@trellis/store';
import { createAutomations, createEngine, uuidv7Ids } from '../src/index';
import { educationSpec } from '../test/automations/support/education';
import { seedPeople } from '../test/automations/support/harness';

const LEADS = Number(process.env.BENCH_LEADS ?? 1500);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const BATCHES = (process.env.BENCH_BATCHES ?? '8,50').split(',').map(Number);
/** Unset: the runtime's default batchMs. */
const BATCH_MS = process.env.BENCH_BATCH_MS ? Number(process.env.BENCH_BATCH_MS) : undefined;
const COURSES = ['python', 'dataAnalysis', 'uiDesign', 'frontend', 'java'];
const CITIES = ['330100', '110100', '310100', '440300', '510100'];
const dir = mkdtempSync(join(tmpdir(), 'trellis-backlog-bench-'));
const spec = educationSpec();

function lead(n: number): Record<string, unknown> {
  return {
    name: `线索${n}`,
    phone: `+86139${String(n).padStart(8, '0')}`,
    source: 'douyin',
    campaignCode: `c${n % 40}`,
    course: COURSES[n % 5],
    budgetRange: n % 3 === 0 ? 'over20k' : 'from5kTo10k',
    city: CITIES[n % 5],
  };
}

async function open(name: string) {
  const store = await openStore({ url: join(dir, `${name}.db`) });
  const published = await store.specs.publish({ spec, note: 'bench', locale: 'en' });
  if (!published.ok) throw new Error(JSON.stringify(published.errors));
  await seedPeople(store, spec);
  const engine = createEngine({ store, ids: uuidv7Ids });
  return { store, engine };
}

/** One round: LEADS intake submissions, then the drain of their backlog in steps of `batch`. */
async function round(batch: number, n: number) {
  const { store, engine } = await open(`b${batch}-${n}`);
  const automations = createAutomations(engine, {
    options: { batchSize: batch, ...(BATCH_MS === undefined ? {} : { batchMs: BATCH_MS }) },
  });
  for (let i = 0; i < LEADS; i++)
    await store.transaction(async (tx) => {
      const r = await engine.records.create('lead', lead(i), {
        actor: { kind: 'public' },
        via: 'intake',
        mode: 'create',
        tx,
      });
      if (!r.ok) throw new Error(JSON.stringify(r.error));
      await automations.emit(
        {
          type: 'form.submitted',
          entity: 'lead',
          recordId: String(r.record.id),
          via: 'intake',
          payload: { form: 'trial', merged: false },
        },
        tx,
      );
    });
  const steps: number[] = [];
  let events = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (;;) {
    const s = performance.now();
    const r = await automations.drain({ transactions: 1 });
    if (r.events === 0) break;
    steps.push(performance.now() - s);
    events += r.events;
  }
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const owned = (await store.tables.rows('e_lead')).filter((r) => r.owner_id !== null).length;
  await store.close();
  if (owned !== LEADS) throw new Error(`only ${owned} of ${LEADS} leads were routed`);
  steps.sort((a, b) => a - b);
  return {
    ms,
    events,
    cpuUsPerLead: (cpu.user + cpu.system) / LEADS,
    stepP50: percentile(steps, 50),
    stepP99: percentile(steps, 99),
    stepMax: steps[steps.length - 1] ?? 0,
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const r1 = (x: number) => Math.round(x * 10) / 10;
const r2 = (x: number) => Math.round(x * 100) / 100;
// A discarded warm-up round (JIT, heap growth), then the cases' rounds interleaved so a busy
// machine weighs on each alike.
await round(BATCHES[0] ?? 8, -1);
const results = new Map<number, Awaited<ReturnType<typeof round>>[]>(BATCHES.map((b) => [b, []]));
for (let i = 0; i < ROUNDS; i++) for (const b of BATCHES) results.get(b)?.push(await round(b, i));
const cases = BATCHES.map((batch) => {
  const rounds = results.get(batch) ?? [];
  const ms = median(rounds.map((r) => r.ms));
  return {
    name: `drain an intake backlog, education automations, batchSize ${batch}`,
    batchSize: batch,
    leads: LEADS,
    eventsPerLead: r1((rounds[0]?.events ?? 0) / LEADS),
    leadsPerSec: Math.round((LEADS / ms) * 1000),
    eventsPerSec: Math.round(((rounds[0]?.events ?? 0) / ms) * 1000),
    cpuUsPerLead: Math.round(median(rounds.map((r) => r.cpuUsPerLead))),
    lockHoldMs: {
      p50: r2(median(rounds.map((r) => r.stepP50))),
      p99: r2(median(rounds.map((r) => r.stepP99))),
      max: r2(median(rounds.map((r) => r.stepMax))),
    },
  };
});
console.log(JSON.stringify({ bench: 'automations-backlog', rounds: ROUNDS, cases }, null, 2));
rmSync(dir, { recursive: true, force: true });
