/**
 * List and search on 1,000,000 leads. The generated database is cached under os.tmpdir()
 * (delete it or set TRELLIS_BENCH_REGEN=1 to rebuild). Prints JSON.
 * Run: pnpm --filter @trellis/store bench   (TRELLIS_BENCH_ROWS=200000 for a smaller set)
 */
import { existsSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { measure, ratio } from '@trellis/tooling/bench';
import { createRecordStore, entityTable, openDatabase, syncEntityTables } from '../src/index';
import type { AppShape, StoreDb } from '../src/index';
import { searchDoc } from '../src/search/search-text';

const ROWS = Number(process.env.TRELLIS_BENCH_ROWS ?? 1_000_000);
const FORMAT = 6; // bump when the generated data or table layout changes
const file = join(tmpdir(), `trellis-store-bench-${ROWS}-v${FORMAT}.db`);

const spec: AppShape = {
  entities: [
    {
      key: 'lead',
      titleField: 'name',
      identity: [['phone'], ['email']],
      fields: [
        { key: 'name', type: 'text' },
        { key: 'phone', type: 'phone' },
        { key: 'email', type: 'email' },
        { key: 'city', type: 'region', indexed: true },
        {
          key: 'source',
          type: 'select',
          options: [{ value: 'douyin' }, { value: 'wechat' }, { value: 'website' }],
        },
        {
          key: 'course',
          type: 'select',
          options: [{ value: 'python' }, { value: 'java' }, { value: 'design' }],
        },
        { key: 'budget', type: 'money' },
        { key: 'notes', type: 'longtext' },
      ],
    },
  ],
};
const SURNAMES = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤',
];
const GIVEN = [
  ...'伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬芳燕彩春菊兰凤洁梅琳素云莲真环雪荣爱妹霞香月莺媛艳瑞凡佳嘉琼勤珍贞莉桂娣叶璧璐娅琦晶妍茜秋珊莎锦黛青倩婷姣婉娴瑾颖露瑶怡婵雁蓓纨仪荷丹蓉眉君琴蕊薇菁梦岚苑婕馨瑗琰韵融园艺咏卿聪澜纯毓悦昭冰爽琬茗羽希宁欣飘育滢馥筠柔竹霭凝晓欢霄枫芸菲寒伊亚宜可姬舒影荔枝思丽小',
];
const CITIES = Array.from({ length: 30 }, (_, i) => String(110100 + i * 10100));
const STAGES = ['new', 'contacted', 'qualified', 'trial', 'won', 'lost'];

/** Deterministic PRNG so every generated database is the same. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}
const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;

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
  const start = Date.UTC(2024, 0, 1);
  const span = 2 * 365 * 86_400_000;
  db.transaction(() => {
    for (let i = 0; i < ROWS; i++) {
      const created = start + Math.floor((i / ROWS) * span) + Math.floor(r() * 60_000);
      const name = pick(r, SURNAMES) + pick(r, GIVEN) + (r() < 0.6 ? pick(r, GIVEN) : '');
      const phone = `+861${3 + Math.floor(r() * 6)}${String(i).padStart(9, '0')}`;
      const email = r() < 0.2 ? `user${i}@example.com` : null;
      const id = `0${created.toString(16)}-${i.toString(16).padStart(8, '0')}`;
      const res = insert.run(
        id,
        created,
        created,
        `u${Math.floor(r() * 50)}`,
        pick(r, STAGES),
        created,
        name,
        phone,
        email,
        pick(r, CITIES),
        pick(r, ['douyin', 'wechat', 'website']),
        pick(r, ['python', 'java', 'design']),
        Math.floor(r() * 5000) * 100,
      );
      const doc = searchDoc([name, phone, email]);
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
