/**
 * Import throughput: a 100,000-row GB18030 CSV (as Excel in China saves it) through the whole
 * import — decode, parse, map, the one write path (normalize, validate, identity, unique,
 * ownership, history, outbox), a checkpoint per 500-row batch — into SQLite, the education
 * template published. Baseline in the same run: the same rows as plain `engine.records.create`
 * calls in 500-row transactions (the write path alone, no file). Prints JSON: rows/s of both,
 * their ratio, peak RSS and heap growth of the import. BENCH_ROWS changes the row count.
 * Run: node --conditions=@trellis/source --import tsx bench/import.ts
 */
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { openStore } from '@trellis/store';
import {
  createEngine,
  createImportJob,
  previewImport,
  runImportJob,
  uuidv7Ids,
} from '../src/index';
import { loadEducationSpec } from '../test/fixtures/education';

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const dir = mkdtempSync(join(tmpdir(), 'trellis-import-bench-'));
const spec = loadEducationSpec();
const SOURCES = ['抖音', '公众号', '官网', '线下活动', '转介绍'];
const COURSES = ['Python编程', '数据分析', 'UI设计', 'Web前端开发', 'Java开发'];
const actor = { kind: 'user' as const, userId: 'u-ops', role: 'admin' };

function cells(i: number): string[] {
  return [
    `学员${i}`,
    `139 ${String(i)
      .padStart(8, '0')
      .replace(/(\d{4})(\d{4})/, '$1 $2')}`,
    SOURCES[i % 5]!,
    COURSES[i % 5]!,
    String(18 + (i % 40)),
    `2026/3/${1 + (i % 28)} 10:30`,
  ];
}

async function writeCsv(path: string): Promise<void> {
  const out = createWriteStream(path);
  out.write(iconv.encode('姓名,手机号,来源渠道,意向课程,年龄,首次接触时间\r\n', 'gbk'));
  for (let i = 0; i < ROWS; i++)
    if (!out.write(iconv.encode(`${cells(i).join(',')}\r\n`, 'gbk'))) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
}

async function open(name: string) {
  const store = await openStore({ url: join(dir, `${name}.db`) });
  const published = await store.specs.publish({ spec, note: 'bench', locale: 'en' });
  if (!published.ok) throw new Error(JSON.stringify(published.errors));
  await store.users.insert(
    { id: 'u-ops', login: 'ops', name: 'ops', passwordHash: null, role: 'admin', status: 'active' },
    0,
  );
  return { store, engine: createEngine({ store, ids: uuidv7Ids }) };
}

async function baseline(): Promise<number> {
  const { store, engine } = await open('baseline');
  const keys = ['name', 'phone', 'source', 'course', 'age', 'firstContactAt'];
  const t0 = performance.now();
  for (let start = 0; start < ROWS; start += 500)
    await store.transaction(async (tx) => {
      for (let i = start; i < Math.min(ROWS, start + 500); i++) {
        const c = cells(i);
        const values: Record<string, unknown> = Object.fromEntries(keys.map((k, j) => [k, c[j]]));
        values.firstContactAt = Date.UTC(2026, 2, 1 + (i % 28), 2, 30);
        const r = await engine.records.create('lead', values, {
          actor,
          via: 'import',
          tx,
          automations: false,
        });
        if (!r.ok) throw new Error(JSON.stringify(r.error));
      }
    });
  const ms = performance.now() - t0;
  await store.close();
  return (ROWS / ms) * 1000;
}

async function imported(path: string) {
  const { store, engine } = await open('import');
  const preview = await previewImport(engine, 'lead', path, {});
  const job = await createImportJob(engine, {
    entity: 'lead',
    fileName: 'big.csv',
    filePath: path,
    options: { mapping: preview!.mapping, dedupe: 'skip', locale: 'zh-CN', actor },
    dryRun: false,
  });
  let peakRss = process.memoryUsage().rss;
  const heap0 = process.memoryUsage().heapUsed;
  let peakHeap = heap0;
  const t0 = performance.now();
  const end = await runImportJob(engine, job.id, {
    onProgress: () => {
      const m = process.memoryUsage();
      peakRss = Math.max(peakRss, m.rss);
      peakHeap = Math.max(peakHeap, m.heapUsed);
    },
  });
  const ms = performance.now() - t0;
  await store.close();
  if (end?.status !== 'done' || end.created !== ROWS)
    throw new Error(`import ended ${JSON.stringify(end)}`);
  return {
    rowsPerS: (ROWS / ms) * 1000,
    seconds: ms / 1000,
    peakRssMb: peakRss / 2 ** 20,
    heapGrowthMb: (peakHeap - heap0) / 2 ** 20,
  };
}

try {
  const path = join(dir, 'big.csv');
  await writeCsv(path);
  // BENCH_ONLY=import skips the baseline (profiling the import alone: --cpu-prof).
  const base = process.env.BENCH_ONLY === 'import' ? Number.NaN : await baseline();
  const imp = await imported(path);
  console.log(
    JSON.stringify(
      {
        bench: 'import',
        rows: ROWS,
        importRowsPerS: Math.round(imp.rowsPerS),
        importSeconds: Math.round(imp.seconds * 10) / 10,
        baselineCreateRowsPerS: Math.round(base),
        ratioToBaseline: Math.round((imp.rowsPerS / base) * 100) / 100,
        peakRssMb: Math.round(imp.peakRssMb),
        heapGrowthMb: Math.round(imp.heapGrowthMb),
        target: { rowsPerS: 5000 },
      },
      null,
      2,
    ),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
