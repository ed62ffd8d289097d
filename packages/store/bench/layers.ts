/**
 * What one create's insert costs in each layer, one lead a commit on a SQLite file (WAL): the
 * synchronous record store under the adapter (`createRecordStore` in a better-sqlite3
 * transaction, what the engine called before the asynchronous store) against the store as the
 * engine calls it now (`store.transaction` + `records(spec).insert`), each with the report
 * triggers (report_rows and the day and month groups, kept in the insert's transaction) and
 * without them. The education template's lead table (its 15 indexes), the same normalized row
 * the engine bench's baseline writes; the four run in alternating rounds. Prints JSON: median
 * and p95 per variant and the differences: what the asynchronous interface adds to a
 * transaction, and what the report triggers add to an insert.
 * Run: pnpm --filter @trellis/store bench:layers   (BENCH_INSERTS=4000)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { summarise } from '@trellis/tooling/bench';
import type { Sample } from '@trellis/tooling/bench';
import { openStore } from '../src/index';
import { createRecordStore, openDatabase, syncEntityTables } from '../src/sync-sqlite';
import { educationSpec, lead } from './education-lead';

const INSERTS = Number(process.env.BENCH_INSERTS ?? 4000);
const WARMUP = 500;
const ROUNDS = 10;

/** Drops the report triggers (touch__: first-touch groups') of a database file (from another connection). */
function dropReportTriggers(file: string): void {
  const db = new Database(file);
  const names = db
    .prepare(
      "SELECT name FROM sqlite_master WHERE type = 'trigger' AND (name LIKE 'report\\_%' ESCAPE '\\' OR name LIKE 'touch\\_\\_%' ESCAPE '\\')",
    )
    .all() as { name: string }[];
  if (names.length === 0) throw new Error('no report triggers to drop');
  for (const { name } of names) db.exec(`DROP TRIGGER "${name}"`);
  db.close();
}

type Variant = {
  name: string;
  insert: (n: number) => Promise<void> | void;
  close(): Promise<void> | void;
};

const spec = educationSpec();
const dir = mkdtempSync(join(tmpdir(), 'trellis-layers-bench-'));
const check = (r: { ok: boolean }) => {
  if (!r.ok) throw new Error(`insert refused: ${JSON.stringify(r)}`);
};

async function variant(layer: 'sync' | 'store', triggers: boolean): Promise<Variant> {
  const file = join(dir, `${layer}-${triggers ? 'triggers' : 'plain'}.db`);
  const name = `${layer === 'sync' ? 'synchronous record store' : 'asynchronous store'}, report triggers ${triggers ? 'on' : 'off'}`;
  if (layer === 'sync') {
    const db = openDatabase(file);
    syncEntityTables(db, spec);
    if (!triggers) dropReportTriggers(file);
    const records = createRecordStore(db, spec);
    return {
      name,
      insert: (n) => db.transaction(() => check(records.insert('lead', lead(n)))),
      close: () => db.close(),
    };
  }
  const store = await openStore({ url: file });
  await store.migrations.syncEntityTables(spec);
  if (!triggers) dropReportTriggers(file);
  return {
    name,
    insert: async (n) =>
      check(await store.transaction((tx) => tx.records(spec).insert('lead', lead(n)))),
    close: () => store.close(),
  };
}

try {
  const variants = [
    await variant('sync', true),
    await variant('store', true),
    await variant('sync', false),
    await variant('store', false),
  ];
  const times = variants.map(() => [] as number[]);
  const totals = variants.map(() => 0);
  const next = variants.map(() => 0);
  for (const [i, v] of variants.entries())
    for (let k = 0; k < WARMUP; k++) await v.insert(next[i]!++);
  // Alternating rounds, the order turning each round, so a busy machine weighs on all alike.
  for (let r = 0; r < ROUNDS; r++)
    for (let j = 0; j < variants.length; j++) {
      const i = (j + r) % variants.length;
      const v = variants[i]!;
      const start = performance.now();
      for (let k = 0; k < INSERTS / ROUNDS; k++) {
        const t0 = performance.now();
        await v.insert(next[i]!++);
        times[i]!.push(performance.now() - t0);
      }
      totals[i]! += performance.now() - start;
    }
  const samples: Sample[] = variants.map((v, i) => summarise(v.name, times[i]!, totals[i]!));
  for (const v of variants) await v.close();
  const us = (a: Sample, b: Sample) => Math.round((a.medianMs - b.medianMs) * 10_000) / 10;
  const [syncOn, storeOn, syncOff, storeOff] = samples as [Sample, Sample, Sample, Sample];
  console.log(
    JSON.stringify(
      {
        bench: 'one lead insert a commit, by layer (SQLite file, WAL, synchronous=NORMAL)',
        spec: 'templates/education (lead)',
        inserts: INSERTS,
        samples,
        medianDifferenceUs: {
          interfaceWithTriggers: us(storeOn, syncOn),
          interfaceWithoutTriggers: us(storeOff, syncOff),
          reportTriggersSync: us(syncOn, syncOff),
          reportTriggersStore: us(storeOn, storeOff),
        },
      },
      null,
      2,
    ),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
