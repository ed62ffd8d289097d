/**
 * List and search on 1,000,000 leads. The generated database is cached under os.tmpdir()
 * (delete it or set TRELLIS_BENCH_REGEN=1 to rebuild). Prints JSON.
 * Run: pnpm --filter @trellis/store bench   (TRELLIS_BENCH_ROWS=200000 for a smaller set)
 */
import { existsSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { measure, ratio } from '@trellis/tooling/bench';
import { entityTable } from '../src/index';
import { createRecordStore, openDatabase, syncEntityTables } from '../src/sync-sqlite';
import type { StoreDb } from '../src/sync-sqlite';
import { searchDoc } from '../src/search/search-text';
import { CITIES, GIVEN, STAGES, SURNAMES, leadRow, pick, rng, spec } from './leads';

const ROWS = Number(process.env.TRELLIS_BENCH_ROWS ?? 1_000_000);
const FORMAT = 6; // bump when the generated data or table layout changes
const file = join(tmpdir(), `trellis-store-bench-${ROWS}-v${FORMAT}.db`);

function generate(db: StoreDb): number {
  const t0 = performance.now();
  syncEntityTables(db, spec);
  const info = entityTable(spec.entities[0]!);
  const insert = db.sqlite.prepare(
    `INSERT INTO e_lead (id, created_at, updated_at, owner_id, stage, stage_entered_at, version, name, phone, email, city, source, course, budget) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const fts = db.sqlite.prepare(
    `INSERT INTO ${info.ftsTable} (rowid, body, pairs) VALUES (?, ?, ?)`,
  );
  const r = rng(42);
  db.transaction(() => {
    for (let i = 0; i < ROWS; i++) {
      const l = leadRow(i, ROWS, r);
      const res = insert.run(
        l.id,
        l.createdAt,
        l.createdAt,
        l.ownerId,
        l.stage,
        l.createdAt,
        l.name,
        l.phone,
        l.email,
        l.city,
        l.source,
        l.course,
        l.budget,
      );
      const doc = searchDoc([l.name, l.phone, l.email]);
      fts.run(res.lastInsertRowid, doc.body, doc.pairs);
    }
  });
  db.sqlite.exec('ANALYZE');
  return performance.now() - t0;
}

if (process.env.TRELLIS_BENCH_REGEN && existsSync(file)) rmSync(file);
const fresh = !existsSync(file);
const db = openDatabase(file);
const generateMs = fresh ? generate(db) : 0;
// A database cached by an older version lacks the search tables created next to each entity table.
if (!fresh) syncEntityTables(db, spec);
const store = createRecordStore(db, spec);
const r = rng(7);

const listArgs = () => ({
  where: { sql: '"city" = ? AND "stage" = ?', params: [pick(r, CITIES), pick(r, STAGES)] },
  sort: [{ field: 'createdAt', dir: 'desc' as const }],
  limit: 50,
});
const mustList = (q: Parameters<typeof store.list>[1]) => {
  const res = store.list('lead', q);
  if (!res.ok || res.value.records.length === 0) throw new Error('list returned nothing');
  return res.value;
};
// Warm the page cache first so neither the baseline nor the store pays for cold reads.
for (let i = 0; i < 3000; i++) {
  mustList(listArgs());
  store.search('lead', String(i).padStart(4, '0'), { limit: 20 });
}
// Baseline: the same query as one raw prepared statement (no store code, no decoding).
const raw = db.sqlite.prepare(
  'SELECT * FROM e_lead WHERE deleted_at IS NULL AND city = ? AND stage = ? ORDER BY created_at DESC, id DESC LIMIT 51',
);
const baseline = measure(
  'raw better-sqlite3 list (city + stage, created_at desc, 50)',
  () => raw.all(pick(r, CITIES), pick(r, STAGES)),
  2000,
  200,
);
const list = measure(
  'store.list (city + stage, created_at desc, 50)',
  () => mustList(listArgs()),
  2000,
  200,
);
const cursors = Array.from({ length: 200 }, () => {
  const a = listArgs();
  return { ...a, cursor: mustList(a).nextCursor };
});
const page2 = measure(
  'store.list next page via cursor',
  (i) => mustList(cursors[i % cursors.length]),
  2000,
  200,
);
const counted = measure(
  'store.list with total count',
  () => mustList({ ...listArgs(), count: true }),
  500,
  50,
);
const phoneSuffix = measure(
  'store.search phone suffix (4 digits)',
  () => store.search('lead', String(Math.floor(r() * 10_000)).padStart(4, '0'), { limit: 20 }),
  500,
  50,
);
const name2 = measure(
  'store.search Chinese 2-char substring',
  () => store.search('lead', pick(r, GIVEN) + pick(r, GIVEN), { limit: 20 }),
  500,
  50,
);
const name1 = measure(
  'store.search Chinese 1 character (surname)',
  () => store.search('lead', pick(r, SURNAMES), { limit: 20 }),
  500,
  50,
);
const ascii2 = measure(
  'store.search 2 ASCII characters (index scan)',
  () => store.search('lead', String(Math.floor(r() * 100)).padStart(2, '0'), { limit: 20 }),
  20,
  2,
);
const name3 = measure(
  'store.search Chinese 3-char name',
  () => store.search('lead', pick(r, SURNAMES) + pick(r, GIVEN) + pick(r, GIVEN), { limit: 20 }),
  500,
  50,
);

console.log(
  JSON.stringify(
    {
      rows: ROWS,
      dbFile: file,
      dbSizeMb: Math.round(statSync(file).size / 1e6),
      generatedThisRun: fresh,
      generateMs: Math.round(generateMs),
      target: { listP95Ms: 20, met: list.p95Ms < 20 },
      results: [baseline, list, page2, counted, phoneSuffix, name1, name2, name3, ascii2],
      ratioListToRaw: ratio(list, baseline),
    },
    null,
    2,
  ),
);
db.close();
