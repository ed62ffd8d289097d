/**
 * What the writer does per intake lead, through the engine: a create with its touch (UTM), then
 * the automations' routing update of owner and team (what `assign` writes), each its own
 * transaction on a SQLite file (WAL). With `BENCH_BASELINE=<another checkout>` (say a worktree of
 * main, its dependencies installed) that checkout's engine and store run in the same process on
 * a database of their own, in alternating rounds whose order turns each round: on a shared,
 * loaded machine the two see the same load, where two runs of the HTTP intake bench one after the
 * other differed by more than the change measured. Prints JSON: per side the median and p95 of
 * the create and the update, each round's median pair, the WAL pages a pair writes, the load at
 * start and end, and the ratio of this checkout's median pair to the baseline's.
 * Run: node --conditions=@trellis/source --import tsx bench/intake-pair.ts
 *   (BENCH_RUNS=6000 BENCH_ROUNDS=30 BENCH_BASELINE=/path/to/checkout)
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { percentile } from '@trellis/tooling/bench';
import * as store from '@trellis/store';
import * as engine from '../src/index';
import { loadEducationSpec } from '../test/fixtures/education';

const RUNS = Number(process.env.BENCH_RUNS ?? 6000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 30);
const WARMUP = 500;
const BASELINE = process.env.BENCH_BASELINE;
/** A checkout's commit, for the JSON (null when it is not a git checkout). */
const commitOf = (dir: string): string | null => {
  try {
    return execFileSync('git', ['-C', dir, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    return null;
  }
};
const spec = loadEducationSpec();
const dir = mkdtempSync(join(tmpdir(), 'trellis-intake-pair-'));
const intake = {
  actor: { kind: 'public' as const },
  via: 'intake' as const,
  touch: { kind: 'form', utmSource: 'douyin', utmCampaign: 'spring_2026' },
};
const routing = {
  actor: { kind: 'automation' as const },
  via: 'automation' as const,
  ownership: { kind: 'assign' as const, reason: 'round robin' },
};
const TEAMS = ['tech', 'design'];

type Modules = { store: typeof store; engine: typeof engine };
type Side = {
  name: string;
  db: store.Store;
  records: ReturnType<typeof engine.createEngine>['records'];
  n: number;
  creates: number[];
  updates: number[];
  rounds: number[];
};

/** A lead as the public form sends it. */
const lead = (n: number) => ({
  name: `线索${n % 97}`,
  phone: `139${String(10_000_000 + n).slice(-8)}`,
  source: 'douyin',
  campaignCode: 'spring_2026',
  course: ['python', 'java', 'uiDesign'][n % 3],
  city: '330100',
});

async function open(name: string, m: Modules): Promise<Side> {
  const db = await m.store.openStore({ url: join(dir, `${name}.db`) });
  await db.migrations.syncEntityTables(spec);
  for (let u = 0; u < 5; u++)
    await db.users.insert(
      {
        id: `u${u}`,
        login: `u${u}`,
        name: `u${u}`,
        passwordHash: null,
        role: 'sales',
        status: 'active',
      },
      0,
    );
  for (const key of TEAMS) await db.teams.upsert({ key, label: {} });
  const { records } = m.engine.createEngine({ store: db, spec });
  return { name, db, records, n: 0, creates: [], updates: [], rounds: [] };
}

async function pair(s: Side, keep: boolean): Promise<void> {
  const n = s.n++;
  const t0 = performance.now();
  const created = await s.records.create('lead', lead(n), intake);
  const t1 = performance.now();
  if (!created.ok) throw new Error(JSON.stringify(created.error));
  const patch = { ownerId: `u${n % 5}`, teamId: TEAMS[n % 2] };
  const routed = await s.records.update('lead', String(created.record.id), patch, routing);
  const t2 = performance.now();
  if (!routed.ok) throw new Error(JSON.stringify(routed.error));
  if (!keep) return;
  s.creates.push(t1 - t0);
  s.updates.push(t2 - t1);
}

/** Pages a pair writes to the WAL: the log started over, 200 pairs, its length read back. */
async function walPages(s: Side): Promise<number> {
  await s.db.maintenance.checkpoint({ restartAfterFrames: 0, waitMs: 100 });
  for (let i = 0; i < 200; i++) await pair(s, false);
  const { frames } = await s.db.maintenance.checkpoint({ restartAfterFrames: Infinity });
  return Math.round((frames / 200) * 10) / 10;
}

const us = (xs: number[], p: number) =>
  Math.round(
    percentile(
      [...xs].sort((a, b) => a - b),
      p,
    ) * 10_000,
  ) / 10;

const sides = [await open('this', { store, engine })];
if (BASELINE) {
  const root = resolve(BASELINE);
  sides.push(
    await open('baseline', {
      store: (await import(join(root, 'packages/store/src/index.ts'))) as typeof store,
      engine: (await import(join(root, 'packages/engine/src/index.ts'))) as typeof engine,
    }),
  );
}
try {
  for (const s of sides) for (let i = 0; i < WARMUP; i++) await pair(s, false);
  const loadStart = loadavg()[0]!;
  for (let r = 0; r < ROUNDS; r++)
    for (let j = 0; j < sides.length; j++) {
      const s = sides[(j + r) % sides.length]!;
      const from = s.creates.length;
      for (let i = 0; i < RUNS / ROUNDS; i++) await pair(s, true);
      const pairs = s.creates.slice(from).map((c, i) => c + s.updates[from + i]!);
      s.rounds.push(us(pairs, 50));
    }
  const loadEnd = loadavg()[0]!;
  const result = [];
  for (const s of sides)
    result.push({
      side: s.name,
      createUs: { median: us(s.creates, 50), p95: us(s.creates, 95) },
      updateUs: { median: us(s.updates, 50), p95: us(s.updates, 95) },
      pairUs: {
        median: us(
          s.creates.map((c, i) => c + s.updates[i]!),
          50,
        ),
      },
      roundMedianPairUs: s.rounds,
      walPagesPerPair: await walPages(s),
    });
  const [mine, base] = result;
  console.log(
    JSON.stringify(
      {
        bench: 'intake create with touch + routing update (owner, team), through the engine',
        spec: 'templates/education (lead)',
        database: 'SQLite file, WAL, synchronous=NORMAL (openStore)',
        runs: RUNS,
        rounds: ROUNDS,
        // The baseline checkout by its commit, not by a directory of this machine.
        baseline: BASELINE ? commitOf(BASELINE) : null,
        load: { start: loadStart, end: loadEnd },
        sides: result,
        ratioToBaseline: base
          ? Math.round((mine!.pairUs.median / base.pairUs.median) * 1000) / 1000
          : null,
      },
      null,
      2,
    ),
  );
} finally {
  for (const s of sides) await s.db.close();
  rmSync(dir, { recursive: true, force: true });
}
