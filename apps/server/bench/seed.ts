import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppSpec } from '@trellis/spec';
import { openStore } from '@trellis/store';
import { summarise, ratio } from '@trellis/tooling/bench';
import { applyTemplate, bundleTemplate, seedProfiles, seedWorkspace } from '@trellis/server';

/**
 * `trellis seed` at scale: 100,000 main units of each template (leads; customers with their
 * deals, activities, stage changes, touches, ledger and history) written into a fresh SQLite
 * workspace, against a baseline measured in the same run: the same number of bare lead
 * inserts (no rules, no history, no activities) through the same store's bulk insert, in the
 * same batch size. Samples are the batches' transactions (1,000 units each); `totalMs` is the
 * whole command's work (rules and generation included), the figure the < 1 minute goal is about.
 */
const N = Number(process.env.SEED_BENCH_RECORDS ?? 100_000);
// SEED_BENCH_TEMPLATES=b2b-sales measures (or profiles) one template; the baseline always runs.
const TEMPLATE_NAMES = process.env.SEED_BENCH_TEMPLATES?.split(',') ?? ['education', 'b2b-sales'];
const TEMPLATES = join(import.meta.dirname, '..', '..', '..', 'templates');

async function workspace(name: string) {
  const dir = mkdtempSync(join(tmpdir(), 'seed-bench-'));
  const store = await openStore({ url: join(dir, 'trellis.db') });
  const b = bundleTemplate(join(TEMPLATES, name));
  if (!b.ok) throw new Error(`${name} does not bundle`);
  const r = await applyTemplate(store, { name, version: b.manifest.version, spec: b.spec });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  const spec = (await store.specs.live())!.spec as AppSpec;
  return { dir, store, spec };
}

const BATCH = 1000;
const results: ReturnType<typeof summarise>[] = [];
const totals: Record<string, number> = {};
const extra: Record<string, unknown> = {};
const load = [loadavg()[0]!];
{
  const { dir, store, spec } = await workspace('education');
  const batches: number[] = [];
  const t0 = performance.now();
  for (let from = 0; from < N; from += BATCH) {
    const rows: Record<string, unknown>[] = [];
    for (let i = from; i < Math.min(N, from + BATCH); i++)
      rows.push({
        name: `L${i}`,
        phone: `+86139${String(i).padStart(8, '0')}`,
        source: 'website',
        stage: 'new',
      });
    const b0 = performance.now();
    await store.transaction((tx) => tx.records(spec).insertMany('lead', rows));
    batches.push(performance.now() - b0);
  }
  const ms = performance.now() - t0;
  results.push(summarise(`baseline: ${N} bare lead inserts, batches of ${BATCH}`, batches, ms));
  totals.baseline = Math.round(ms);
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
for (const name of TEMPLATE_NAMES) {
  const { dir, store, spec } = await workspace(name);
  const batches: number[] = [];
  load.push(loadavg()[0]!);
  const t0 = performance.now();
  const report = await seedWorkspace(store, spec, seedProfiles[name]!, {
    records: N,
    seed: 1,
    now: Date.UTC(2026, 11, 1),
    batch: BATCH,
    onBatch: (ms) => batches.push(ms),
  });
  const ms = performance.now() - t0;
  results.push(summarise(`trellis seed --template ${name} --records ${N}`, batches, ms));
  totals[name] = Math.round(ms);
  extra[name] = { ...report, reasons: report.reasons.length };
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
load.push(loadavg()[0]!);
console.log(
  JSON.stringify(
    {
      results,
      totalMs: totals,
      // Units (1,000 per batch) per second over bare rows per second of the same run.
      ratioToBaseline: Object.fromEntries(
        TEMPLATE_NAMES.map((name, i) => [name, ratio(results[i + 1]!, results[0]!)]),
      ),
      loadAverage: load.map((l) => Math.round(l * 10) / 10),
      reports: extra,
    },
    null,
    2,
  ),
);
