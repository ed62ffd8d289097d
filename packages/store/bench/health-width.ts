/**
 * What data health's columns in SQLite's owner index cost a write (docs/reports.md "Data health
 * reads SQLite's owner index alone"): the education template's lead table with its owner index
 * as the template's 12-field data health widget widens it (`sla_due_at` and the 12 fields)
 * against the same table without the widget (the narrow index), one write a commit on SQLite
 * files (WAL), in alternating rounds. Per variant: the median and p95 of a create and of an
 * update of one measured field (`intentLevel`, which a rep edits; it rewrites the record's
 * owner index entry only when the index holds it), and WAL frames (pages) per commit of each.
 * Run: pnpm --filter @trellis/store bench:health-width   (BENCH_WRITES=4000)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { summarise, type Sample } from '@trellis/tooling/bench';
import type { AppShape } from '../src/index';
import { createRecordStore, openDatabase, syncEntityTables } from '../src/sync-sqlite';
import { educationSpec, lead } from './education-lead';

const WRITES = Number(process.env.BENCH_WRITES ?? 4000);
const WARMUP = 500;
const ROUNDS = 10;
const LEVELS = ['a', 'b', 'c', 'd'];

const wide = educationSpec();
/** The same spec without its data health widgets: the owner index keeps its own columns. */
const narrow: AppShape = {
  ...wide,
  dashboards: wide.dashboards?.map((d) => ({
    ...d,
    widgets: d.widgets.filter((w) => w.type !== 'dataHealth'),
  })),
};

const dir = mkdtempSync(join(tmpdir(), 'trellis-health-width-'));

function variant(name: string, spec: AppShape) {
  const db = openDatabase(join(dir, `${name}.db`));
  syncEntityTables(db, spec);
  // Frames are counted per phase; the checkpoint runs between phases, not inside them.
  db.sqlite.pragma('wal_autocheckpoint = 0');
  const records = createRecordStore(db, spec);
  const recs: { id: string; version: number }[] = [];
  const sql = (
    db.sqlite.prepare("SELECT sql FROM sqlite_master WHERE name = 'ix_e_lead__owner'").get() as {
      sql: string;
    }
  ).sql;
  return {
    name,
    index: sql,
    create(n: number) {
      db.transaction(() => {
        // Every field the widget measures filled (lead() leaves four of them out).
        const r = records.insert('lead', {
          ...lead(n),
          wechatId: `wx_${n}`,
          intentLevel: 'b',
          occupation: 'it',
          nextFollowUpPlan: '周六试听后电话回访',
        });
        if (!r.ok) throw new Error(JSON.stringify(r));
        recs.push({ id: r.value.id, version: r.value.version });
      });
    },
    update(n: number) {
      db.transaction(() => {
        const rec = recs[n % recs.length]!;
        const r = records.update('lead', rec.id, { intentLevel: LEVELS[n % 4] }, rec.version);
        if (!r.ok) throw new Error(JSON.stringify(r));
        rec.version = r.value.version;
      });
    },
    /** WAL frames written since the last call (checkpoints and restarts the log). */
    frames(): number {
      // PASSIVE reports the log's frames; TRUNCATE (which reports 0) restarts it.
      const [row] = db.sqlite.pragma('wal_checkpoint(PASSIVE)') as { log: number }[];
      db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
      return row!.log;
    },
    close: () => db.close(),
  };
}

try {
  const variants = [variant('narrow', narrow), variant('wide', wide)];
  if (variants[0]!.index === variants[1]!.index) throw new Error('the widget did not widen it');
  const result: Record<string, unknown> = {};
  for (const phase of ['create', 'update'] as const) {
    const times = variants.map(() => [] as number[]);
    const frames = variants.map(() => 0);
    const totals = variants.map(() => 0);
    let n = 0;
    for (const v of variants) {
      for (let k = 0; k < WARMUP; k++) v[phase](k);
      v.frames();
    }
    for (let r = 0; r < ROUNDS; r++)
      for (let j = 0; j < variants.length; j++) {
        const i = (j + r) % variants.length;
        const v = variants[i]!;
        const start = performance.now();
        for (let k = 0; k < WRITES / ROUNDS; k++) {
          const t0 = performance.now();
          v[phase](WARMUP + n + k);
          times[i]!.push(performance.now() - t0);
        }
        totals[i]! += performance.now() - start;
        frames[i]! += v.frames();
        if (i === variants.length - 1) n += WRITES / ROUNDS;
      }
    result[phase] = variants.map((v, i) => {
      const s: Sample = summarise(v.name, times[i]!, totals[i]!);
      return { ...s, walFramesPerCommit: Math.round((frames[i]! / WRITES) * 100) / 100 };
    });
  }
  console.log(
    JSON.stringify(
      {
        bench: "data health's owner index columns: one write a commit (SQLite file, WAL)",
        spec: 'templates/education (lead), with and without its data health widget',
        writes: WRITES,
        index: Object.fromEntries(variants.map((v) => [v.name, v.index])),
        ...result,
      },
      null,
      2,
    ),
  );
  for (const v of variants) v.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
