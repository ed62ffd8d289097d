/**
 * Single-record create through the full write path (education spec, realistic lead) against a
 * plain better-sqlite3 INSERT of the same, already-normalized row in the same process, both on
 * a WAL file database with the same table. Prints JSON: records/s, the ratio, and where the
 * full path's time goes (normalize, validate, identity, gate, write), and how many WAL pages
 * each record writes (the commit cost). The two are measured in alternating rounds so a busy
 * machine weighs on both alike.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { percentile, ratio, summarise } from '@trellis/tooling/bench';
import { entityTable, openDatabase, quoteIdent, syncEntityTables } from '@trellis/store';
import { uuidv7 } from 'uuidv7';
import { createEngine, type Phase } from '../src/index';
import { loadEducationSpec } from '../test/fixtures/education';

const RUNS = Number(process.env.BENCH_RUNS ?? 5000);
const WARMUP = 500;
const spec = loadEducationSpec();
const dir = mkdtempSync(join(tmpdir(), 'trellis-engine-bench-'));

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周'];
const GIVEN = ['伟', '芳', '娜', '秀英', '敏', '静', '丽', '强', '磊', '洋'];
const COURSES = ['python', 'dataAnalysis', 'uiDesign', 'frontend', 'java'];
const CITIES = ['330100', '110100', '310100', '440300', '510100'];

/** A lead as a Douyin/website form delivers it: phone as typed, labels for choices. */
function lead(n: number): Record<string, unknown> {
  const digits = String(13800000000 + n);
  return {
    name: `${SURNAMES[n % 10]}${GIVEN[(n >> 3) % 10]}`,
    phone: `${digits.slice(0, 3)} ${digits.slice(3, 7)} ${digits.slice(7)}`,
    email: `Lead${n}@Example.com`,
    source: 'douyin',
    campaignCode: 'spring_2026',
    course: COURSES[n % 5],
    budgetRange: 'from10kTo20k',
    decisionCycle: 'withinMonth',
    city: CITIES[n % 5],
    age: 20 + (n % 30),
    tags: ['weekend', 'online'],
    notes: '抖音表单留资，想周末上课，关心就业服务。',
  };
}

// Full path: the engine on its own database.
const engineDb = openDatabase(join(dir, 'engine.db'));
syncEntityTables(engineDb, spec);
// Per-record phase times; medians are reported (a shared CI box makes means noisy).
const phases: Record<Phase, number[]> = {
  normalize: [],
  validate: [],
  identity: [],
  gate: [],
  write: [],
  transaction: [],
};
const engine = createEngine({ db: engineDb, spec, onPhase: (p, ms) => phases[p].push(ms) });
const actor = { kind: 'public' as const };
let nEngine = 0;
const createOne = () => {
  const r = engine.records.create('lead', lead(nEngine++), { actor, via: 'intake' });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
};
const medianUs = (xs: number[]) =>
  xs.length === 0
    ? 0
    : Math.round(
        percentile(
          [...xs].sort((a, b) => a - b),
          50,
        ) * 10_000,
      ) / 10;

// Baseline: the same normalized row, one prepared INSERT per record (autocommit), same table shape.
const plainDb = openDatabase(join(dir, 'plain.db'));
syncEntityTables(plainDb, spec);
const info = entityTable(spec.entities.find((e) => e.key === 'lead')!);
const columns = [
  'id',
  'created_at',
  'updated_at',
  'version',
  'stage',
  'stage_entered_at',
  'sla_due_at',
  'name',
  'phone',
  'email',
  'source',
  'campaignCode',
  'course',
  'budgetRange',
  'decisionCycle',
  'city',
  'age',
  'tags',
  'notes',
  'profileScore',
];
const insert = plainDb.sqlite.prepare(
  `INSERT INTO ${quoteIdent(info.table)} (${columns.map(quoteIdent).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
);
let nPlain = 0;
function plainInsert(n: number): void {
  const v = lead(n);
  const now = Date.now();
  insert.run(
    uuidv7(),
    now,
    now,
    1,
    'new',
    now,
    now + 48 * 3_600_000,
    v.name,
    `+86${13800000000 + n}`,
    `lead${n}@example.com`,
    v.source,
    v.campaignCode,
    v.course,
    v.budgetRange,
    v.decisionCycle,
    v.city,
    v.age,
    JSON.stringify(v.tags),
    v.notes,
    100,
  );
}

// The box is shared: alternate the two in rounds so both see the same load, then summarise.
const ROUNDS = 10;
const fullTimes: number[] = [];
const plainTimes: number[] = [];
let fullTotal = 0;
let plainTotal = 0;
function round(fn: () => void, times: number[], n: number): number {
  const start = performance.now();
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  return performance.now() - start;
}
for (let i = 0; i < WARMUP; i++) createOne();
for (let i = 0; i < WARMUP; i++) plainInsert(nPlain++);
for (const k of Object.keys(phases) as Phase[]) phases[k].length = 0;
for (let r = 0; r < ROUNDS; r++) {
  fullTotal += round(createOne, fullTimes, RUNS / ROUNDS);
  plainTotal += round(() => plainInsert(nPlain++), plainTimes, RUNS / ROUNDS);
}
const full = summarise('engine.records.create (full write path)', fullTimes, fullTotal);
const plain = summarise('better-sqlite3 INSERT (same row, normalized)', plainTimes, plainTotal);
const perRecordUs = Object.fromEntries(Object.entries(phases).map(([k, xs]) => [k, medianUs(xs)]));

// Pages each record writes to the WAL (what the commit costs): measured over a sample with auto-checkpoint off.
function walFrames(db: typeof engineDb, file: string, write: () => void): number {
  db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  db.sqlite.pragma('wal_autocheckpoint = 0');
  for (let i = 0; i < 200; i++) write();
  const pageSize = Number(db.sqlite.pragma('page_size', { simple: true }));
  const frames = (statSync(file).size - 32) / (pageSize + 24) / 200;
  db.sqlite.pragma('wal_autocheckpoint = 1000');
  return Math.round(frames * 10) / 10;
}
const framesFull = walFrames(engineDb, join(dir, 'engine.db-wal'), () =>
  engine.records.create('lead', lead(nEngine++), { actor, via: 'intake' }),
);
const framesPlain = walFrames(plainDb, join(dir, 'plain.db-wal'), () => plainInsert(nPlain++));

const { transaction: txUs = 0, ...steps } = perRecordUs;
const stepsUs = Object.values(steps).reduce((a, b) => a + b, 0);
// The commit (WAL append, occasional checkpoint) is what the transaction costs beyond its steps.
const commitUs = Math.max(
  0,
  Math.round((txUs - (steps.identity ?? 0) - (steps.write ?? 0)) * 10) / 10,
);
const r = ratio(full, plain);
console.log(
  JSON.stringify(
    {
      bench: 'engine single-record create',
      runs: RUNS,
      spec: 'templates/education (lead)',
      database: 'SQLite file, WAL, synchronous=NORMAL',
      full,
      plain,
      ratio: r,
      target: 0.2,
      meetsTarget: r >= 0.2,
      // Median µs per record in each phase; `commit` = transaction - identity - write; `other` = the rest (authorize, result).
      breakdownMedianUs: {
        ...steps,
        commit: commitUs,
        other: Math.max(0, Math.round((full.medianMs * 1000 - stepsUs - commitUs) * 10) / 10),
      },
      walPagesPerRecord: { full: framesFull, plain: framesPlain },
      validatorsCompiled: engine.spec().compiledCount(),
    },
    null,
    2,
  ),
);
engineDb.close();
plainDb.close();
rmSync(dir, { recursive: true, force: true });
