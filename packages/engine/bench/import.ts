/**
 * Import throughput: a 100,000-row GB18030 CSV (as Excel in China saves it) through the whole
 * import — decode, parse, map, the one write path (normalize, validate, identity, unique,
 * ownership, history, outbox), a checkpoint per 500-row batch — into SQLite and PostgreSQL,
 * the education template published. Baseline in the same run, on the same database kind: rows
 * as plain `engine.records.create` calls in 500-row transactions (the write path one record at
 * a time, no file; BENCH_BASELINE_ROWS of them, default a fifth of the rows). Prints JSON per
 * database: rows/s of both and their ratio, the batches' median and p95 (ms per 500 rows),
 * the import's CPU per row in this process, peak RSS (sampled every 50 ms) and heap growth of
 * the import, the load average.
 * SQLite runs as under `trellis start`: checkpoints in a thread of their own (every 200 ms).
 * Each database runs the import twice, side by side: rows prepared in the writing thread
 * between its writes ("here", as before), and in the import thread while it writes ("thread",
 * as the server runs it); BENCH_PREPARE=here|thread runs one of them.
 * BENCH_ROWS changes the row count; BENCH_BATCH the rows per batch (default 500); BENCH_STORES=sqlite|pg|sqlite,pg picks the databases
 * (default both when PostgreSQL 15 is installed); BENCH_ONLY=import skips the baseline
 * (profiling the import alone: --cpu-prof).
 * Run: node --conditions=@trellis/source --import tsx bench/import.ts
 */
import { createWriteStream, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { once } from 'node:events';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import iconv from 'iconv-lite';
import { openStore } from '@trellis/store';
import { summarise } from '@trellis/tooling/bench';
import { hasPostgres, startPgServer, type PgTestServer } from '@trellis/tooling/pg';
import {
  createEngine,
  createImportJob,
  previewImport,
  runImportJob,
  uuidv7Ids,
  type ImportThreadData,
} from '../src/index';
import { loadEducationSpec } from '../test/fixtures/education';

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const BASELINE_ROWS = Number(process.env.BENCH_BASELINE_ROWS ?? Math.ceil(ROWS / 5));
const BATCH = Number(process.env.BENCH_BATCH ?? 500);
const PREPARE = (process.env.BENCH_PREPARE ?? 'here,thread').split(',');
const STORES = (process.env.BENCH_STORES ?? (hasPostgres() ? 'sqlite,pg' : 'sqlite')).split(',');
const dir = mkdtempSync(join(tmpdir(), 'trellis-import-bench-'));
const spec = loadEducationSpec();
const SOURCES = ['抖音', '公众号', '官网', '线下活动', '转介绍'];
const COURSES = ['Python编程', '数据分析', 'UI设计', 'Web前端开发', 'Java开发'];
const actor = { kind: 'user' as const, userId: 'u-ops', role: 'admin' };
// Started at the first PostgreSQL run, stopped at the end.
const server: { pg: PgTestServer | null } = { pg: null };

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

/**
 * The import thread bundled as `trellis start` runs it (the CLI's build inlines the workspace
 * and npm packages into the thread's file, database drivers left out): from TypeScript source
 * (tsx) a thread takes seconds to start, which a server never pays.
 */
async function bundledThread(): Promise<URL> {
  const { build } = await import('tsup');
  const out = join(dir, 'thread');
  // The drivers left out resolve from the store's dependencies, as the CLI's do from its own.
  symlinkSync(
    fileURLToPath(new URL('../../store/node_modules', import.meta.url)),
    join(dir, 'node_modules'),
  );
  await build({
    config: false,
    entry: {
      'import-thread': fileURLToPath(
        new URL('../test/import/support/import-thread.ts', import.meta.url),
      ),
    },
    format: 'esm',
    platform: 'node',
    target: 'node20',
    outDir: out,
    silent: true,
    noExternal: [/^(?!(better-sqlite3|pg|pg-native)$)/],
    external: ['better-sqlite3', 'pg', 'pg-native'],
    esbuildOptions(options) {
      options.conditions = ['@trellis/source'];
    },
    banner: {
      js: "import { createRequire as __trellisRequire } from 'node:module'; const require = __trellisRequire(import.meta.url);",
    },
  });
  return pathToFileURL(join(out, 'import-thread.js'));
}

/** CPU time (µs) the calling thread used so far (Linux: its own /proc entry; 10 ms steps). */
function ownThreadCpuUs(): number {
  const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime, the 14th and 15th fields of the whole line, in clock ticks (100 a second).
  return (Number(fields[11]) + Number(fields[12])) * 10_000;
}

/** A checkpoint thread for a SQLite file, as the server runs one; resolves when it stopped. */
function checkpointThread(dbFile: string): () => Promise<void> {
  const worker = new Worker(new URL('../test/fixtures/thread-boot.mjs', import.meta.url), {
    workerData: { dbFile, threadEntry: new URL('./checkpoint-thread.ts', import.meta.url).href },
  });
  return async () => {
    worker.postMessage('stop');
    await once(worker, 'message');
    await worker.terminate();
  };
}

async function open(kind: string, name: string) {
  const url =
    kind === 'pg'
      ? await (server.pg ??= await startPgServer()).createDatabase()
      : join(dir, `${name}.db`);
  // SQLite as `trellis start` runs it: the writer leaves checkpoints to a thread of their own.
  const store = await openStore({ url, ...(kind === 'pg' ? {} : { checkpoints: 'elsewhere' }) });
  const stopCheckpoints = kind === 'pg' ? async () => {} : checkpointThread(url);
  const close = store.close.bind(store);
  store.close = async () => {
    await stopCheckpoints();
    await close();
  };
  const published = await store.specs.publish({ spec, note: 'bench', locale: 'en' });
  if (!published.ok) throw new Error(JSON.stringify(published.errors));
  await store.users.insert(
    { id: 'u-ops', login: 'ops', name: 'ops', passwordHash: null, role: 'admin', status: 'active' },
    0,
  );
  return { store, engine: createEngine({ store, ids: uuidv7Ids }) };
}

/** Peak resident memory while `fn` runs, sampled every 50 ms (and at its end). */
async function withPeakRss<T>(fn: () => Promise<T>): Promise<{ value: T; peakRssMb: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  try {
    const value = await fn();
    return { value, peakRssMb: Math.round(Math.max(peak, process.memoryUsage().rss) / 2 ** 20) };
  } finally {
    clearInterval(timer);
  }
}

async function baseline(kind: string) {
  const { store, engine } = await open(kind, 'baseline');
  const keys = ['name', 'phone', 'source', 'course', 'age', 'firstContactAt'];
  const batches: number[] = [];
  const t0 = performance.now();
  for (let start = 0; start < BASELINE_ROWS; start += BATCH) {
    const b0 = performance.now();
    await store.transaction(async (tx) => {
      for (let i = start; i < Math.min(BASELINE_ROWS, start + BATCH); i++) {
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
    batches.push(performance.now() - b0);
  }
  const ms = performance.now() - t0;
  await store.close();
  return {
    batches: summarise(`create ×${BATCH} (${kind})`, batches, ms),
    rowsPerS: (BASELINE_ROWS / ms) * 1000,
  };
}

async function imported(kind: string, path: string, thread: URL | null) {
  const prepare = thread ? 'thread' : 'here';
  const { store, engine } = await open(kind, `import-${prepare}`);
  const preview = await previewImport(engine, 'lead', path, {});
  const job = await createImportJob(engine, {
    entity: 'lead',
    fileName: 'big.csv',
    filePath: path,
    options: { mapping: preview!.mapping, dedupe: 'skip', locale: 'zh-CN', actor },
    dryRun: false,
  });
  global.gc?.();
  const heap0 = process.memoryUsage().heapUsed;
  let peakHeap = heap0;
  const batches: number[] = [];
  const cpu0 = process.cpuUsage();
  const own0 = ownThreadCpuUs();
  const t0 = performance.now();
  let last = t0;
  const { value: end, peakRssMb } = await withPeakRss(() =>
    runImportJob(engine, job.id, {
      batchSize: BATCH,
      ...(thread
        ? { prepareThread: (data: ImportThreadData) => new Worker(thread, { workerData: data }) }
        : {}),
      onProgress: () => {
        const now = performance.now();
        batches.push(now - last);
        last = now;
        peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
      },
    }),
  );
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const own = ownThreadCpuUs() - own0;
  await store.close();
  if (end?.status !== 'done' || end.created !== ROWS)
    throw new Error(`import ended ${JSON.stringify(end)}`);
  return {
    // The first batch also counts the file's rows (the job's total) before it writes.
    batches: summarise(`import ×${BATCH} (${kind})`, batches, ms),
    rowsPerS: (ROWS / ms) * 1000,
    seconds: ms / 1000,
    // This process's CPU per row (SQLite's work included, PostgreSQL's not; the import
    // thread's included): steadier than rows/s on a shared machine.
    cpuUsPerRow: (cpu.user + cpu.system) / ROWS,
    // CPU of the writing thread alone per row: the ceiling of rows/s with a core to itself.
    writerCpuUsPerRow: own / ROWS,
    peakRssMb,
    heapGrowthMb: (peakHeap - heap0) / 2 ** 20,
  };
}

try {
  const path = join(dir, 'big.csv');
  await writeCsv(path);
  // Built once, before anything is measured.
  const thread = PREPARE.includes('thread') ? await bundledThread() : null;
  const out: Record<string, unknown> = {
    bench: 'import',
    rows: ROWS,
    batchRows: BATCH,
    target: { rowsPerS: 5000 },
  };
  for (const kind of STORES) {
    const load = [loadavg()[0]!];
    const base = process.env.BENCH_ONLY === 'import' ? null : await baseline(kind);
    const baseRowsPerS = base ? base.rowsPerS : Number.NaN;
    const result: Record<string, unknown> = {
      baselineRows: base ? BASELINE_ROWS : 0,
      baselineCreateRowsPerS: Math.round(baseRowsPerS),
      baselineBatchMs: base ? { median: base.batches.medianMs, p95: base.batches.p95Ms } : null,
    };
    for (const prepare of PREPARE) {
      const imp = await imported(kind, path, prepare === 'thread' ? thread : null);
      result[prepare] = {
        importRowsPerS: Math.round(imp.rowsPerS),
        importSeconds: Math.round(imp.seconds * 10) / 10,
        importBatchMs: { median: imp.batches.medianMs, p95: imp.batches.p95Ms },
        importCpuUsPerRow: Math.round(imp.cpuUsPerRow),
        writerCpuUsPerRow: Math.round(imp.writerCpuUsPerRow),
        ratioToBaseline: Math.round((imp.rowsPerS / baseRowsPerS) * 100) / 100,
        meetsTarget: imp.rowsPerS >= 5000,
        peakRssMb: imp.peakRssMb,
        heapGrowthMb: Math.round(imp.heapGrowthMb),
      };
    }
    load.push(loadavg()[0]!);
    result.loadAvg1m = load.map((l) => Math.round(l * 10) / 10);
    out[kind] = result;
  }
  console.log(JSON.stringify(out, null, 2));
} finally {
  server.pg?.stop();
  rmSync(dir, { recursive: true, force: true });
}
