/**
 * One lead a commit: the store's insert (`store.transaction` + `records(spec).insert`, what
 * every write of the server goes through) against a bare prepared INSERT of the same columns in
 * its own transaction on the same file (no store code, no search index, no triggers): the floor
 * a write path on SQLite could reach. This was apps/server/bench's "bare insert endpoint"; the
 * raw handle stays inside packages/store. Prints JSON.
 * Run: pnpm --filter @trellis/store bench:insert   (BENCH_INSERTS=5000)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ratio, summarise } from '@trellis/tooling/bench';
import { openStore } from '../src/index';
import { openDatabase } from '../src/sync-sqlite';
import { leadRow, rng, spec } from './leads';

const INSERTS = Number(process.env.BENCH_INSERTS ?? 5000);
const WARMUP = Math.round(INSERTS / 5);

/** Times `fn` once per lead, one after another; the sample of the last `INSERTS` calls. */
async function timed(name: string, fn: (i: number) => unknown) {
  for (let i = 0; i < WARMUP; i++) await fn(i);
  const times: number[] = [];
  const start = performance.now();
  for (let i = WARMUP; i < WARMUP + INSERTS; i++) {
    const t0 = performance.now();
    await fn(i);
    times.push(performance.now() - t0);
  }
  return summarise(name, times, performance.now() - start);
}

const dir = mkdtempSync(join(tmpdir(), 'trellis-insert-bench-'));
try {
  const total = WARMUP + INSERTS;
  const bare = openDatabase(join(dir, 'bare.db'));
  bare.sqlite.exec(
    'CREATE TABLE e_lead (id TEXT PRIMARY KEY, created_at INTEGER, updated_at INTEGER, name TEXT, phone TEXT, email TEXT, city TEXT, source TEXT, course TEXT, budget INTEGER)',
  );
  const insert = bare.sqlite.prepare(
    'INSERT INTO e_lead (id, created_at, updated_at, name, phone, email, city, source, course, budget) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const r1 = rng(42);
  const bareSample = await timed('bare prepared INSERT, one a transaction', (i) => {
    const l = leadRow(i, total, r1);
    const at = Date.now();
    insert.run(l.id, at, at, l.name, l.phone, l.email, l.city, l.source, l.course, l.budget);
  });
  bare.close();

  const store = await openStore({ url: join(dir, 'store.db') });
  await store.migrations.syncEntityTables(spec);
  const r2 = rng(42);
  const storeSample = await timed('store.transaction + records.insert', async (i) => {
    const l = leadRow(i, total, r2);
    const res = await store.transaction((tx) =>
      tx.records(spec).insert('lead', {
        id: l.id,
        name: l.name,
        phone: l.phone,
        email: l.email,
        city: l.city,
        source: l.source,
        course: l.course,
        budget: l.budget,
      }),
    );
    if (!res.ok) throw new Error(`insert refused: ${JSON.stringify(res)}`);
  });
  await store.close();

  console.log(
    JSON.stringify(
      {
        bench: 'one lead a commit, SQLite',
        inserts: INSERTS,
        results: [bareSample, storeSample],
        ratioStoreToBare: ratio(storeSample, bareSample),
      },
      null,
      2,
    ),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
