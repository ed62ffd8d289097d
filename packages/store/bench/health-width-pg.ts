/**
 * What PostgreSQL's data health index costs a write (docs/reports.md "Data health on
 * PostgreSQL reads its own index"): the education template's lead table with the index its
 * 12-field data health widget asks for (`ix_e_lead__health`: creation time, owner, team, stage,
 * SLA time and the 12 fields) against the same table without the widget (no such index), one
 * write a transaction through the store, in alternating rounds. Per variant: the median and p95
 * of a create and of an update of one measured field (`intentLevel`, which a rep edits: an
 * indexed column, so the update is no longer HOT and writes an entry in every index), and WAL
 * bytes per commit of each.
 * Run: node packages/tooling/pg-test-server.mjs -- pnpm --filter @trellis/store bench:health-width-pg
 * (BENCH_WRITES=4000), or without the wrapper: a server of its own.
 */
import pg from 'pg';
import { summarise, type Sample } from '@trellis/tooling/bench';
import { createTestDatabase, dropTestDatabase, startPgServer } from '@trellis/tooling/pg';
import { openStore, type AppShape, type Store } from '../src/index';
import { educationSpec, lead } from './education-lead';

const WRITES = Number(process.env.BENCH_WRITES ?? 4000);
const WARMUP = 500;
const ROUNDS = 10;
const LEVELS = ['a', 'b', 'c', 'd'];

const wide = educationSpec();
/** The same spec without its data health widgets: no health index. */
const narrow: AppShape = {
  ...wide,
  dashboards: wide.dashboards?.map((d) => ({
    ...d,
    widgets: d.widgets.filter((w) => w.type !== 'dataHealth'),
  })),
};

const server = process.env.TRELLIS_TEST_PG_URL ? null : await startPgServer();
const database = (name: string) =>
  server ? server.createDatabase(name) : createTestDatabase(name).then((u) => u!);

async function variant(name: string, spec: AppShape) {
  const url = await database(`health_${name}`);
  const store: Store = await openStore({ url, locale: 'en' });
  await store.migrations.syncEntityTables(spec);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query<{ def: string }>(
    "SELECT indexdef AS def FROM pg_indexes WHERE indexname = 'ix_e_lead__health'",
  );
  const recs: { id: string; version: number }[] = [];
  return {
    name,
    index: rows[0]?.def ?? null,
    async create(n: number) {
      const r = await store.transaction((tx) =>
        tx.records(spec).insert('lead', {
          ...lead(n),
          // Every field the widget measures filled (lead() leaves four of them out).
          wechatId: `wx_${n}`,
          intentLevel: 'b',
          occupation: 'it',
          nextFollowUpPlan: '周六试听后电话回访',
        }),
      );
      if (!r.ok) throw new Error(JSON.stringify(r));
      recs.push({ id: r.value.id, version: r.value.version });
    },
    async update(n: number) {
      const rec = recs[n % recs.length]!;
      const r = await store.transaction((tx) =>
        tx.records(spec).update('lead', rec.id, { intentLevel: LEVELS[n % 4] }, rec.version),
      );
      if (!r.ok) throw new Error(JSON.stringify(r));
      rec.version = r.value.version;
    },
    /** The server's WAL position (both variants' databases share it: rounds take turns). */
    async lsn(): Promise<string> {
      return (await client.query<{ l: string }>('SELECT pg_current_wal_lsn()::text AS l')).rows[0]!
        .l;
    },
    /** WAL bytes written since `from`. */
    async walSince(from: string): Promise<number> {
      const { rows } = await client.query<{ b: string }>(
        'SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), $1::pg_lsn) AS b',
        [from],
      );
      return Number(rows[0]!.b);
    },
    async close() {
      await client.end();
      await store.close();
      if (!server) await dropTestDatabase(url);
    },
  };
}

const variants = [await variant('narrow', narrow), await variant('wide', wide)];
try {
  if (variants[0]!.index !== null || variants[1]!.index === null)
    throw new Error('the widget did not make the health index');
  const result: Record<string, unknown> = {};
  for (const phase of ['create', 'update'] as const) {
    const times = variants.map(() => [] as number[]);
    const wal = variants.map(() => 0);
    const totals = variants.map(() => 0);
    let n = 0;
    for (const v of variants) for (let k = 0; k < WARMUP; k++) await v[phase](k);
    for (let r = 0; r < ROUNDS; r++)
      for (let j = 0; j < variants.length; j++) {
        const i = (j + r) % variants.length;
        const v = variants[i]!;
        const lsn = await v.lsn();
        const start = performance.now();
        for (let k = 0; k < WRITES / ROUNDS; k++) {
          const t0 = performance.now();
          await v[phase](WARMUP + n + k);
          times[i]!.push(performance.now() - t0);
        }
        totals[i]! += performance.now() - start;
        wal[i]! += await v.walSince(lsn);
        if (i === variants.length - 1) n += WRITES / ROUNDS;
      }
    result[phase] = variants.map((v, i) => {
      const s: Sample = summarise(v.name, times[i]!, totals[i]!);
      return { ...s, walBytesPerCommit: Math.round(wal[i]! / WRITES) };
    });
  }
  console.log(
    JSON.stringify(
      {
        bench: "data health's index on PostgreSQL: one write a transaction (store)",
        spec: 'templates/education (lead), with and without its data health widget',
        writes: WRITES,
        index: Object.fromEntries(variants.map((v) => [v.name, v.index])),
        ...result,
      },
      null,
      2,
    ),
  );
} finally {
  for (const v of variants) await v.close();
  server?.stop();
}
