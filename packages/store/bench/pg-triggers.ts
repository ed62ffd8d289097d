/**
 * What PostgreSQL's report triggers cost a write on a kept database (the engine bench's
 * 1,000,000 leads: `packages/engine/bench/reports.ts` with TRELLIS_BENCH_PG_URL). Opening the
 * store installs this build's trigger functions; then each write runs alone in a transaction
 * that is rolled back (the database stays as it was, so builds can alternate on copies of it),
 * under EXPLAIN (ANALYZE): the statement's execution time and each trigger's, server-side.
 * Writes, the same leads in every run (a seeded sequence):
 * - `transition`: a transition of a live lead into a stage it never entered (its groups move);
 * - `reentry`: one into a stage it entered before (only the entry counts move);
 * - `create`: a new unowned lead as the engine writes it, its first transition then its row;
 * - `assign`: a lead's owner changed (its groups and owner entries move);
 * - `move`: a stage move as the engine writes it, the row's update then its transition.
 * Prints JSON: per write the median and p95 in µs of the statements' total and of each trigger.
 * Run: TRELLIS_BENCH_PG_URL=postgres://… BENCH_N=400 pnpm --filter @trellis/store bench:pg-triggers
 */
import { loadavg } from 'node:os';
import pg from 'pg';
import { percentile } from '@trellis/tooling/bench';
import type { EntityTableInfo } from '../src/entity/entity-table';
import { openStore } from '../src/index';
import { pgExec } from '../src/postgres/exec';
import { ensurePgReportTriggers } from '../src/postgres/report-triggers';

const URL_ = process.env.TRELLIS_BENCH_PG_URL;
if (!URL_) throw new Error('TRELLIS_BENCH_PG_URL names the kept database');
const N = Number(process.env.BENCH_N ?? 400);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 40);
const LEADS = Number(process.env.BENCH_LEADS ?? 1_000_000);
const STAGES = ['new', 'qualified', 'trial', 'quoted', 'won', 'lost'];
const OWNERS = Array.from({ length: 40 }, (_, i) => `u${i}`);
const NOW = Date.UTC(2026, 5, 30);

/** mulberry32, as the engine bench: the same leads in every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Plan = {
  Plan: unknown;
  'Execution Time': number;
  Triggers?: { 'Trigger Name': string; Time: number }[];
};
type Timing = { total: number; triggers: Record<string, number> };

/** Runs `q` under EXPLAIN ANALYZE: execution time and each trigger's, in µs. */
async function timed(c: pg.Client, q: string, params: unknown[], into: Timing): Promise<void> {
  const { rows } = await c.query<{ 'QUERY PLAN': Plan[] }>(
    `EXPLAIN (ANALYZE, FORMAT JSON) ${q}`,
    params,
  );
  const plan = rows[0]!['QUERY PLAN'][0]!;
  into.total += plan['Execution Time'] * 1000;
  for (const t of plan.Triggers ?? [])
    into.triggers[t['Trigger Name']] = (into.triggers[t['Trigger Name']] ?? 0) + t.Time * 1000;
}

const TRANSITION = `INSERT INTO stage_transitions (id, entity, record_id, from_stage, to_stage, via, at, dwell_ms, prev_entry_at) VALUES ($1, 'lead', $2, $3, $4, 'bench', $5, $6, $7)`;

type Lead = { id: string; stage: string; entered: string[]; owner: string; at: number };

async function lead(c: pg.Client, next: () => number): Promise<Lead> {
  const id = `l${String(Math.floor(next() * LEADS)).padStart(8, '0')}`;
  const { rows } = await c.query<{ stage: string; entered: string; owner: string; at: string }>(
    `SELECT r.stage, r.entered, r.owner_id AS owner, e.stage_entered_at AS at FROM report_rows r JOIN e_lead e ON e.id = r.record_id WHERE r.entity = 'lead' AND r.record_id = $1`,
    [id],
  );
  const r = rows[0]!;
  return { id, stage: r.stage, entered: r.entered.split(','), owner: r.owner, at: Number(r.at) };
}

let serial = 0;
const writes: Record<string, (c: pg.Client, next: () => number, t: Timing) => Promise<void>> = {
  async transition(c, next, t) {
    const l = await lead(c, next);
    const to = STAGES.find((s) => !l.entered.includes(s)) ?? 'lost';
    await timed(c, TRANSITION, [`bt${serial++}`, l.id, l.stage, to, NOW, NOW - l.at, null], t);
  },
  async reentry(c, next, t) {
    const l = await lead(c, next);
    const to = l.entered[Math.floor(next() * l.entered.length)]!;
    await timed(c, TRANSITION, [`bt${serial++}`, l.id, l.stage, to, NOW, NOW - l.at, l.at], t);
  },
  async create(c, next, t) {
    const id = `bn${serial++}-${Math.floor(next() * 1e9)}`;
    await timed(c, TRANSITION, [`${id}-t`, id, null, 'new', NOW, null, null], t);
    await timed(
      c,
      `INSERT INTO e_lead (id, created_at, updated_at, version, stage, stage_entered_at, name, source) VALUES ($1, $2, $2, 1, 'new', $2, $1, 'douyin')`,
      [id, NOW],
      t,
    );
  },
  async assign(c, next, t) {
    const l = await lead(c, next);
    const to = OWNERS.filter((o) => o !== l.owner)[Math.floor(next() * (OWNERS.length - 1))]!;
    await timed(
      c,
      `UPDATE e_lead SET owner_id = $2, updated_at = $3 WHERE id = $1`,
      [l.id, to, NOW],
      t,
    );
  },
  async move(c, next, t) {
    const l = await lead(c, next);
    const to = STAGES.find((s) => !l.entered.includes(s)) ?? 'lost';
    await timed(
      c,
      `UPDATE e_lead SET stage = $2, stage_entered_at = $3, updated_at = $3 WHERE id = $1`,
      [l.id, to, NOW],
      t,
    );
    await timed(c, TRANSITION, [`bt${serial++}`, l.id, l.stage, to, NOW, NOW - l.at, null], t);
  },
};

const r1 = (v: number) => Math.round(v);
// Opening runs the migrations; the sync of a server's start puts this build's trigger functions
// in (the bench's spec is the engine's: the kept tables' report triggers are made here alone).
const store = await openStore({ url: URL_, locale: 'en' });
await store.close();
const c = new pg.Client({ connectionString: URL_ });
await c.connect();
await c.query('BEGIN');
for (const entity of ['lead', 'campaign'])
  await ensurePgReportTriggers(
    pgExec(() => c),
    { entity, table: `e_${entity}` } as EntityTableInfo,
  );
await c.query('COMMIT');
const load = [loadavg()[0]!];
const out: Record<string, unknown> = {};
try {
  for (const [name, write] of Object.entries(writes)) {
    const next = rng(7 + name.length);
    const samples: Timing[] = [];
    for (let i = 0; i < WARMUP + N; i++) {
      const t: Timing = { total: 0, triggers: {} };
      await c.query('BEGIN');
      try {
        await write(c, next, t);
      } finally {
        await c.query('ROLLBACK');
      }
      if (i >= WARMUP) samples.push(t);
    }
    const stat = (xs: number[]) => {
      const s = [...xs].sort((a, b) => a - b);
      return { p50: r1(percentile(s, 50)), p95: r1(percentile(s, 95)) };
    };
    const names = [...new Set(samples.flatMap((s) => Object.keys(s.triggers)))].sort();
    out[name] = {
      total: stat(samples.map((s) => s.total)),
      triggers: Object.fromEntries(
        names.map((n) => [n, stat(samples.map((s) => s.triggers[n] ?? 0))]),
      ),
    };
  }
} finally {
  await c.end();
}
load.push(loadavg()[0]!);
console.log(
  JSON.stringify(
    {
      bench: 'pg-triggers',
      n: N,
      unit: 'µs',
      loadAverage: load.map((l) => Math.round(l * 100) / 100),
      writes: out,
    },
    null,
    2,
  ),
);
