/**
 * Export memory and speed: BENCH_EXPORT_ROWS leads (default 1,000,000, loaded as raw rows into
 * SQLite, education template) exported as UTF-8 CSV and as XLSX the way the export route does
 * it — engine.records.list pages of 1,000 (permissions, redaction) into exportStream — to a sink
 * that only counts bytes. Baseline in the same run: the same export of a tenth of the rows; an
 * export that holds rows would grow with the row count, a streamed one stays flat. Prints JSON:
 * rows/s, bytes, the peak of memory held (heap and buffers after a collection, every 5 pages)
 * and of RSS above the start of each export, the ratio of the big export's held peak to the
 * small one's, and the load average.
 * Run: BENCH_EXPORT_ROWS=200000 node --conditions=@trellis/source --import tsx bench/export.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { openStore, type Store } from '@trellis/store';
import {
  createEngine,
  exportColumns,
  exportStream,
  type Engine,
  type ExportFormat,
} from '../src/index';
import { loadEducationSpec } from '../test/fixtures/education';

const ROWS = Number(process.env.BENCH_EXPORT_ROWS ?? 1_000_000);
const SOURCES = ['douyin', 'wechat', 'website', 'offline', 'referral'];
const actor = { kind: 'user' as const, userId: 'u-ops', role: 'admin' };
const dir = mkdtempSync(join(tmpdir(), 'trellis-export-bench-'));

async function load(store: Store, rows: number): Promise<void> {
  const t0 = Date.UTC(2026, 0, 1);
  for (let start = 0; start < rows; start += 5000) {
    const leads: Record<string, unknown>[] = [];
    for (let i = start; i < Math.min(rows, start + 5000); i++)
      leads.push({
        id: `l${String(i).padStart(8, '0')}`,
        created_at: t0 + i * 1000,
        updated_at: t0 + i * 1000,
        created_by: 'u-ops',
        owner_id: 'u-ops',
        team_id: null,
        stage: 'new',
        stage_entered_at: t0 + i * 1000,
        version: 1,
        name: `学员${i}`,
        phone: `+86139${String(i).padStart(8, '0')}`,
        source: SOURCES[i % 5],
        note: i % 7 === 0 ? '=HYPERLINK("http://x")' : '想周末上课',
      });
    await store.transaction((tx) => tx.tables.insert('e_lead', leads));
  }
}

async function open(name: string, rows: number): Promise<{ store: Store; engine: Engine }> {
  const store = await openStore({ url: join(dir, `${name}.db`) });
  const published = await store.specs.publish({ spec: loadEducationSpec(), note: 'bench' });
  if (!published.ok) throw new Error(JSON.stringify(published.errors));
  await store.users.insert(
    { id: 'u-ops', login: 'ops', name: 'ops', passwordHash: null, role: 'admin', status: 'active' },
    0,
  );
  await load(store, rows);
  return { store, engine: createEngine({ store }) };
}

async function exportAll(engine: Engine, format: ExportFormat) {
  const spec = await engine.spec();
  const entity = spec.entity('lead')!.entity;
  const columns = exportColumns(entity, engine.permissions.visibleFields(actor, 'lead'), 'zh-CN');
  let rows = 0;
  // Memory still held (garbage collected first: RSS alone keeps the heap's high-water mark):
  // sampled every 5 pages, the heap and buffers above what they were at the start.
  const held = () => {
    global.gc?.();
    const m = process.memoryUsage();
    return m.heapUsed + m.arrayBuffers;
  };
  let heldPeak = 0;
  let held0 = 0;
  let pageNo = 0;
  async function* pages() {
    let cursor: string | undefined;
    for (;;) {
      const page = await engine.records.list(
        'lead',
        { limit: 1000, ...(cursor ? { cursor } : {}) },
        { actor, locale: 'zh-CN' },
      );
      if (!page.ok) throw new Error(page.error.message);
      rows += page.records.length;
      if (++pageNo % 5 === 0) heldPeak = Math.max(heldPeak, held() - held0);
      yield page.records as Record<string, unknown>[];
      if (!page.nextCursor) return;
      cursor = page.nextCursor;
    }
  }
  held0 = held();
  const rss0 = process.memoryUsage().rss;
  let peak = rss0;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  let bytes = 0;
  const t0 = performance.now();
  await pipeline(
    exportStream(pages(), columns, { format, locale: 'zh-CN', timeZone: 'Asia/Shanghai' }),
    new Writable({
      write(chunk: Buffer, _enc, done) {
        bytes += chunk.length;
        done();
      },
    }),
  );
  const ms = performance.now() - t0;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  return {
    rows,
    rowsPerS: Math.round((rows / ms) * 1000),
    seconds: Math.round(ms / 100) / 10,
    mb: Math.round(bytes / 2 ** 20),
    peakHeldAboveStartMb: Math.round(heldPeak / 2 ** 20),
    peakRssAboveStartMb: Math.round((peak - rss0) / 2 ** 20),
    peakRssMb: Math.round(peak / 2 ** 20),
  };
}

try {
  const small = await open('small', Math.ceil(ROWS / 10));
  const big = await open('big', ROWS);
  const out: Record<string, unknown> = { bench: 'export', rows: ROWS, loadAvg1m: [loadavg()[0]] };
  for (const format of ['csv', 'xlsx'] as const) {
    const base = await exportAll(small.engine, format);
    const run = await exportAll(big.engine, format);
    if (run.rows !== ROWS) throw new Error(`exported ${run.rows} of ${ROWS}`);
    out[format] = {
      ...run,
      baselineTenth: base,
      // Held memory of the whole export over that of a tenth of it: about 1 when streamed.
      heldRatioToTenth:
        Math.round(
          (Math.max(1, run.peakHeldAboveStartMb) / Math.max(1, base.peakHeldAboveStartMb)) * 100,
        ) / 100,
    };
  }
  await small.store.close();
  await big.store.close();
  (out.loadAvg1m as number[]).push(loadavg()[0]!);
  console.log(JSON.stringify(out, null, 2));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
