/**
 * List and search on 1,000,000 leads on PostgreSQL, through the store (`openStore` with a
 * postgres:// URL), next to the same list as one raw query on the same pool. Prints JSON.
 * Uses TRELLIS_BENCH_PG_URL when set (a database kept between runs: generated once), else a
 * throwaway server from @trellis/tooling (generated each run, a few minutes).
 * Run: pnpm --filter @trellis/store bench:pg   (TRELLIS_BENCH_ROWS=100000 for a smaller set)
 */
import pg from 'pg';
import { percentile } from '@trellis/tooling/bench';
import { startPgServer } from '@trellis/tooling/pg';
import { openStore, type RecordQuery, type Store } from '../src/index';
import { pgSearchRow } from '../src/postgres/records/search';
import { CITIES, GIVEN, STAGES, SURNAMES, leadRow, pick, rng, spec } from './leads';

const ROWS = Number(process.env.TRELLIS_BENCH_ROWS ?? 1_000_000);
const server = process.env.TRELLIS_BENCH_PG_URL ? null : await startPgServer();
const url = process.env.TRELLIS_BENCH_PG_URL ?? (await server!.createDatabase('bench'));

/** Loads the leads in batches (indexes built afterwards: much faster than row by row). */
async function generate(store: Store, pool: pg.Pool): Promise<number> {
  const t0 = performance.now();
  await store.migrations.syncEntityTables(spec);
  const { rows: ix } = await pool.query<{ name: string }>(
    "SELECT indexname AS name FROM pg_indexes WHERE tablename IN ('e_lead', 'e_lead_search') AND indexname NOT LIKE '%pkey' AND indexname NOT LIKE '%id_key'",
  );
  const { rows: defs } = await pool.query<{ def: string }>(
    "SELECT indexdef AS def FROM pg_indexes WHERE tablename IN ('e_lead', 'e_lead_search') AND indexname NOT LIKE '%pkey' AND indexname NOT LIKE '%id_key'",
  );
  for (const i of ix) await pool.query(`DROP INDEX "${i.name}"`);
  const r = rng(42);
  const BATCH = 5000;
  for (let from = 0; from < ROWS; from += BATCH) {
    const leads = Array.from({ length: Math.min(BATCH, ROWS - from) }, (_, k) =>
      leadRow(from + k, ROWS, r),
    );
    const col = <K extends keyof (typeof leads)[number]>(k: K) => leads.map((l) => l[k]);
    const { rows } = await pool.query<{ rid: number }>(
      `INSERT INTO e_lead (id, created_at, updated_at, owner_id, stage, stage_entered_at, version, name, phone, email, city, source, course, budget)
       SELECT id, c, c, o, s, c, 1, n, p, e, ci, so, co, b FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::bigint[])
         AS t(id, c, o, s, n, p, e, ci, so, co, b) RETURNING rid`,
      [
        col('id'),
        col('createdAt'),
        col('ownerId'),
        col('stage'),
        col('name'),
        col('phone'),
        col('email'),
        col('city'),
        col('source'),
        col('course'),
        col('budget'),
      ],
    );
    const docs = leads.map((l) => pgSearchRow([l.name, l.phone, l.email]));
    await pool.query(
      `INSERT INTO e_lead_search (rid, body, grams) SELECT rid, body, ARRAY(SELECT jsonb_array_elements_text(g)) FROM unnest($1::bigint[], $2::text[], $3::jsonb[]) AS t(rid, body, g)`,
      [rows.map((x) => x.rid), docs.map((d) => d.body), docs.map((d) => JSON.stringify(d.grams))],
    );
  }
  for (const d of defs) await pool.query(d.def);
  await pool.query('VACUUM ANALYZE e_lead');
  await pool.query('VACUUM ANALYZE e_lead_search');
  return performance.now() - t0;
}

/** Times an async call `runs` times after `warmup` calls; median, p95, p99 in ms. */
async function measure(
  name: string,
  fn: (i: number) => Promise<unknown>,
  runs: number,
  warmup: number,
) {
  for (let i = 0; i < warmup; i++) await fn(i);
  const times: number[] = [];
  const start = performance.now();
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn(i);
    times.push(performance.now() - t0);
  }
  const total = performance.now() - start;
  times.sort((a, b) => a - b);
  const ms = (p: number) => Math.round(percentile(times, p) * 1000) / 1000;
  return {
    name,
    ops: Math.round((runs / total) * 1000),
    medianMs: ms(50),
    p95Ms: ms(95),
    p99Ms: ms(99),
    runs,
  };
}

const store = await openStore({ url });
const pool = new pg.Pool({ connectionString: url, max: 2 });
try {
  const have = await pool
    .query<{ n: string }>('SELECT count(*) AS n FROM e_lead')
    .then((x) => Number(x.rows[0]?.n))
    .catch(() => -1);
  const generateMs = have === ROWS ? 0 : await generate(store, pool);
  const leads = store.records(spec);
  const r = rng(7);
  const listQuery = (): RecordQuery => ({
    filter: {
      and: [
        { '==': [{ var: 'city' }, pick(r, CITIES)] },
        { '==': [{ var: 'stage' }, pick(r, STAGES)] },
      ],
    },
    sort: [{ field: 'createdAt', dir: 'desc' }],
    limit: 50,
  });
  const mustList = async (q: RecordQuery) => {
    const res = await leads.list('lead', q);
    if (!res.ok || res.value.records.length === 0) throw new Error('list returned nothing');
    return res.value;
  };
  const search = (text: string) => leads.list('lead', { search: { text }, limit: 20 });
  // Warm the buffer cache so neither the baseline nor the store pays for cold reads.
  for (let i = 0; i < 1000; i++) await mustList(listQuery());
  const baseline = await measure(
    'raw pg list (city + stage, created_at desc, 50)',
    () =>
      pool.query(
        'SELECT * FROM e_lead WHERE deleted_at IS NULL AND city = $1 AND stage = $2 ORDER BY created_at DESC NULLS LAST, id DESC NULLS LAST LIMIT 51',
        [pick(r, CITIES), pick(r, STAGES)],
      ),
    1000,
    100,
  );
  const list = await measure(
    'store list (city + stage, created_at desc, 50)',
    () => mustList(listQuery()),
    1000,
    100,
  );
  const cursors = await Promise.all(
    Array.from({ length: 100 }, async () => {
      const q = listQuery();
      return { ...q, cursor: (await mustList(q)).nextCursor };
    }),
  );
  const page2 = await measure(
    'store list next page via cursor',
    (i) => mustList(cursors[i % cursors.length]!),
    1000,
    100,
  );
  const counted = await measure(
    'store list with total count',
    () => mustList({ ...listQuery(), count: true }),
    200,
    20,
  );
  const phone = await measure(
    'search phone suffix (4 digits)',
    () => search(String(Math.floor(r() * 10_000)).padStart(4, '0')),
    300,
    30,
  );
  const name1 = await measure(
    'search Chinese 1 character (surname)',
    () => search(pick(r, SURNAMES)),
    300,
    30,
  );
  const name2 = await measure(
    'search Chinese 2-char substring',
    () => search(pick(r, GIVEN) + pick(r, GIVEN)),
    300,
    30,
  );
  const name3 = await measure(
    'search Chinese 3-char name',
    () => search(pick(r, SURNAMES) + pick(r, GIVEN) + pick(r, GIVEN)),
    300,
    30,
  );
  const ascii2 = await measure(
    'search 2 ASCII characters (scan)',
    () => search(String(Math.floor(r() * 100)).padStart(2, '0')),
    10,
    1,
  );
  const size = await pool.query<{ mb: string }>(
    'SELECT pg_database_size(current_database()) / 1000000 AS mb',
  );
  console.log(
    JSON.stringify(
      {
        dialect: 'postgres',
        rows: ROWS,
        dbSizeMb: Number(size.rows[0]?.mb),
        generatedThisRun: generateMs > 0,
        generateMs: Math.round(generateMs),
        target: { listP95Ms: 20, met: list.p95Ms < 20 },
        results: [baseline, list, page2, counted, phone, name1, name2, name3, ascii2],
        ratioListToRaw: Math.round((list.ops / baseline.ops) * 1000) / 1000,
      },
      null,
      2,
    ),
  );
} finally {
  await pool.end();
  await store.close();
  server?.stop();
}
