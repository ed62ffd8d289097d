import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppSpec } from '@trellis/spec';
import { openStore } from '@trellis/store';
import { summarise, ratio } from '@trellis/tooling/bench';
import { applyTemplate, bundleTemplate, seedProfiles, seedWorkspace } from '@trellis/server';

/**
 * `trellis seed` at scale: 100,000 main records of each template (with their activities,
 * stage changes, touches and history) written into a fresh SQLite workspace, against a
 * baseline measured in the same run: the same number of bare record inserts (no rules, no
 * history, no activities) through the same store in the same batch size.
 */
const N = Number(process.env.SEED_BENCH_RECORDS ?? 100_000);
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

const results = [];
const extra: Record<string, unknown> = {};
{
  const { dir, store, spec } = await workspace('education');
  const t0 = performance.now();
  for (let from = 0; from < N; from += 1000)
    await store.transaction(async (tx) => {
      const rec = tx.records(spec);
      for (let i = from; i < Math.min(N, from + 1000); i++)
        await rec.insert('lead', {
          name: `L${i}`,
          phone: `+86139${String(i).padStart(8, '0')}`,
          source: 'website',
          stage: 'new',
        });
    });
  const ms = performance.now() - t0;
  results.push(summarise(`baseline: ${N} bare lead inserts`, [ms], ms));
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
for (const name of ['education', 'b2b-sales']) {
  const { dir, store, spec } = await workspace(name);
  const t0 = performance.now();
  const report = await seedWorkspace(store, spec, seedProfiles[name]!, {
    records: N,
    seed: 1,
    now: Date.UTC(2026, 11, 1),
  });
  const ms = performance.now() - t0;
  results.push(summarise(`trellis seed --template ${name} --records ${N}`, [ms], ms));
  extra[name] = { ...report, reasons: report.reasons.length };
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
console.log(
  JSON.stringify(
    {
      results,
      ratioEducationToBaseline: ratio(results[1]!, results[0]!),
      ratioB2bToBaseline: ratio(results[2]!, results[0]!),
      reports: extra,
    },
    null,
    2,
  ),
);
