/**
 * How fast `trellis start`'s writer works off the automations a burst left: BENCH_LEADS public
 * form leads (education template, its routing, follow-up task and field stamps) written with the
 * loop stopped, then the writer's automation loop (open-writer.ts, with its options) started on
 * the database and timed until the outbox is empty. Prints JSON: per round the wall time,
 * leads/s, the loop's thread's CPU per lead, the commits it took and the machine's load; the median.
 *   pnpm --filter @trellis/server bench:drain
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { percentile } from '@trellis/tooling/bench';
import { openStore } from '@trellis/store';
import { ensureDataDir, hashPassword, openRuntime } from '../src/index';
import { openWriter } from '../src/writer/open-writer';
import { prepareEducationWorkspace } from './education-workspace';
import { threadCpu } from './thread-cpu';

const LEADS = Number(process.env.BENCH_LEADS ?? 4000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

/** The backlog: leads through the public form, written in groups of 50 with no loop running. */
async function writeBacklog(paths: ReturnType<typeof ensureDataDir>, round: number) {
  const rt = await openRuntime(paths, {
    server: { limits: { intakePerMinute: 0 }, log: () => {} },
  });
  try {
    for (let i = 0; i < LEADS; i += 50) {
      const group = Array.from({ length: Math.min(50, LEADS - i) }, (_, k) => {
        const n = round * 1_000_000 + i + k;
        return rt.app.request('/f/apply', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            name: `压测${n}`,
            phone: `139${String(n).padStart(8, '0')}`,
            course: n % 2 ? 'python' : 'uiDesign',
            utm_source: 'bench',
            utm_campaign: 'load',
          }),
        });
      });
      for (const res of await Promise.all(group))
        if (res.status !== 201) throw new Error(`intake answered ${res.status}`);
    }
  } finally {
    await rt.close();
  }
}

async function oneRound(hash: string, round: number) {
  const dir = mkdtempSync(join(tmpdir(), 'trellis-drain-'));
  try {
    const paths = ensureDataDir(dir);
    await prepareEducationWorkspace(paths, hash);
    await writeBacklog(paths, round);
    const store = await openStore({ url: paths.db });
    let commits = 0;
    store.onCommit(() => commits++);
    const writer = openWriter(store, { env: {} });
    const events = await store.outbox.pending();
    const loadBefore = loadavg()[0]!;
    // This thread's CPU (the loop runs here, as in the writer thread); /proc, 10 ms ticks.
    const cpu0 = threadCpu().get(process.pid) ?? 0;
    const t0 = performance.now();
    writer.automations.start({ tickMs: 15_000 });
    while ((await store.outbox.pending()) > 0) await new Promise((r) => setTimeout(r, 20));
    const ms = performance.now() - t0;
    const cpuMs = (threadCpu().get(process.pid) ?? 0) - cpu0;
    await writer.stop();
    const leads = await store.tables.rows('e_lead');
    await store.close();
    return {
      leads: LEADS,
      events,
      routed: leads.filter((r) => r.owner_id !== null).length,
      ms: Math.round(ms),
      leadsPerSecond: Math.round((LEADS / ms) * 1000),
      cpuMsPerLead: Math.round((cpuMs / LEADS) * 1000) / 1000,
      commits,
      load: { start: loadBefore, end: loadavg()[0]! },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const hash = await hashPassword('bench-password');
const runs = [];
for (let r = 0; r < ROUNDS; r++) runs.push(await oneRound(hash, r));
const median = (xs: number[]) =>
  percentile(
    [...xs].sort((a, b) => a - b),
    50,
  );
console.log(
  JSON.stringify(
    {
      bench: 'writer drains a backlog of intake leads',
      median: {
        ms: median(runs.map((r) => r.ms)),
        leadsPerSecond: median(runs.map((r) => r.leadsPerSecond)),
        cpuMsPerLead: median(runs.map((r) => r.cpuMsPerLead)),
        commits: median(runs.map((r) => r.commits)),
      },
      runs,
    },
    null,
    2,
  ),
);
