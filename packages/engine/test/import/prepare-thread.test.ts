import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import iconv from 'iconv-lite';
import type { Store } from '@trellis/store';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import {
  createEngine,
  createImportJob,
  createManualClock,
  createSequentialIds,
  previewImport,
  runImportJob,
  type Engine,
  type ImportOptions,
  type ImportThreadData,
  type RunOptions,
} from '../../src/index';
import { loadEducationSpec } from '../fixtures/education';
import { testStore } from '../fixtures/test-store';
import { bundleThread } from '@trellis/tooling/thread-bundle';

const dir = mkdtempSync(join(tmpdir(), 'trellis-import-thread-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const XLSX = join(import.meta.dirname, '../../test-data/import/leads-merged.xlsx');
const actor = { kind: 'user' as const, userId: 'u-ops', role: 'admin' };
const SOURCES = ['抖音', '公众号', '官网', '转介绍', '小红书'];

// The import thread as the server starts one, from this package's source bundled once for the
// file's six threads (each booting tsx cost 3.3–4.6 s of CPU).
const thread = await bundleThread(new URL('./support/import-thread.ts', import.meta.url));
afterAll(() => thread.remove());
const threadOf = (data: ImportThreadData) => new Worker(new URL(thread.url), { workerData: data });
// Used for every file here, however small.
const inThread = { prepareThread: threadOf, threadFromRows: 0 };

// A GBK file with every kind of row: good ones, phones no one can call, a text age, a source
// that is no option (小红书), a date that does not exist, blank rows, a row repeating an earlier
// phone, and one whose phone is already in the database.
function messyFile(rows: number): string {
  const lines = ['姓名,手机号,来源渠道,意向课程,年龄,首次接触时间,备注'];
  for (let i = 0; i < rows; i++) {
    if (i % 97 === 50) {
      lines.push(',,,,,,');
      continue;
    }
    const phone =
      i % 41 === 7 ? '12345' : `139 ${String(i % 53 === 52 ? i - 1 : i).padStart(8, '0')}`;
    const age = i % 61 === 3 ? '二十' : String(18 + (i % 30));
    const day = i % 89 === 5 ? '2026/2/31 10:00' : `2026/3/${1 + (i % 28)} 9:${10 + (i % 50)}`;
    lines.push(`学员${i},${phone},${SOURCES[i % 5]},Python编程,${age},${day},"第${i}行,备注"`);
  }
  const path = join(dir, `messy-${rows}.csv`);
  writeFileSync(path, iconv.encode(`${lines.join('\r\n')}\r\n`, 'gbk'));
  return path;
}

type Side = { store: Store; engine: Engine };
const opened: Store[] = [];
afterEach(async () => {
  for (const s of opened.splice(0)) await s.close();
});

/** A fresh database with the education template published (a versioned spec) and one lead. */
async function side(): Promise<Side> {
  const store = await testStore();
  opened.push(store);
  const published = await store.specs.publish({
    spec: loadEducationSpec(),
    note: 'test',
    locale: 'en',
  });
  expect(published.ok).toBe(true);
  await store.users.insert(
    { id: 'u-ops', login: 'ops', name: 'ops', passwordHash: null, role: 'admin', status: 'active' },
    0,
  );
  const clock = createManualClock(Date.UTC(2026, 3, 1));
  const engine = createEngine({ store, clock, ids: createSequentialIds('r') });
  const there = await engine.records.create(
    'lead',
    { name: '老学员', phone: '13900000020', source: '抖音' },
    { actor, via: 'ui' },
  );
  expect(there.ok).toBe(true);
  return { store, engine };
}

async function runFile(
  s: Side,
  path: string,
  extra: Partial<ImportOptions>,
  run: RunOptions,
  dryRun = false,
) {
  const preview = await previewImport(s.engine, 'lead', path, {});
  const job = await createImportJob(s.engine, {
    entity: 'lead',
    fileName: 'leads',
    filePath: path,
    options: { mapping: preview!.mapping, dedupe: 'skip', locale: 'zh-CN', actor, ...extra },
    dryRun,
  });
  return job.id;
}

/** What an import left: the job's counts, its report, and the leads without ids and times. */
async function outcome(s: Side, id: string) {
  const job = (await s.store.importJobs.get(id))!;
  const report = await s.store.importJobs.rows(id, { limit: 10_000 });
  const leads = (await s.store.tables.rows('e_lead'))
    .map((r) => {
      const {
        id: _id,
        createdAt: _createdAt,
        updatedAt: _updatedAt,
        version: _version,
        stageEnteredAt: _stageEnteredAt,
        slaDueAt: _slaDueAt,
        ...rest
      } = r;
      return rest;
    })
    .sort((a, b) => String(a.phone).localeCompare(String(b.phone)));
  const counts = {
    status: job.status,
    rowsTotal: job.rowsTotal,
    rowsDone: job.rowsDone,
    created: job.created,
    updated: job.updated,
    skipped: job.skipped,
    failed: job.failed,
  };
  return {
    counts,
    report: report.map((r) => ({ ...r, jobId: null, recordId: r.recordId === null })),
    leads,
  };
}

describe('the import thread', () => {
  // First: ExcelJS's streaming reader failed to list this workbook's sheets ("reading 'sheets'")
  // in previewImport, before any thread, when it ran after the many imports of the next test in
  // the same worker; alone it passes. Not understood yet.
  it(
    'reads a workbook there: merged header cells and Excel dates',
    { timeout: 60_000 },
    async () => {
      const here = await side();
      const there = await side();
      const a = await runFile(here, XLSX, {}, {});
      const b = await runFile(there, XLSX, {}, {});
      await runImportJob(here.engine, a, { batchSize: 2 });
      await runImportJob(there.engine, b, { batchSize: 2, ...inThread });
      const expected = await outcome(here, a);
      expect(expected.counts.created).toBeGreaterThan(0);
      expect(expected.leads.some((l) => typeof l.firstContactAt === 'number')).toBe(true);
      expect(await outcome(there, b)).toEqual(expected);
    },
  );

  it(
    'prepares what the writing thread would: the same outcomes, reasons and records',
    { timeout: 120_000 },
    async () => {
      const path = messyFile(1_500);
      const values = { source: { 小红书: 'other' } };
      for (const [extra, dryRun] of [
        [{ dedupe: 'skip' as const }, false],
        [{ dedupe: 'update' as const, locale: 'en' as const }, false],
        [{ dedupe: 'create' as const, values }, true],
      ] as const) {
        const here = await side();
        const there = await side();
        const a = await runFile(here, path, extra, {}, dryRun);
        const b = await runFile(there, path, extra, {}, dryRun);
        await runImportJob(here.engine, a, { batchSize: 200 });
        await runImportJob(there.engine, b, { batchSize: 200, ...inThread });
        const expected = await outcome(here, a);
        // The file has refusals of every kind and writes something.
        expect(expected.counts.status).toBe('done');
        expect(expected.counts.failed).toBeGreaterThan(30);
        expect(expected.report.length).toBeGreaterThan(30);
        expect(await outcome(there, b)).toEqual(expected);
      }
    },
  );

  it(
    'resumes a job after its last committed batch: every row exactly once',
    { timeout: 120_000 },
    async () => {
      const path = messyFile(900);
      const here = await side();
      const there = await side();
      const a = await runFile(here, path, {}, {});
      await runImportJob(here.engine, a, { batchSize: 100 });
      const b = await runFile(there, path, {}, {});
      // The process "dies" after its third batch committed: the job stays running.
      let batches = 0;
      const dying = runImportJob(there.engine, b, {
        batchSize: 100,
        ...inThread,
        onProgress: () => {
          if (++batches === 3) throw new Error('killed');
        },
      });
      await expect(dying).rejects.toThrow('killed');
      const left = (await there.store.importJobs.get(b))!;
      expect(left).toMatchObject({ status: 'running' });
      expect(left.rowsDone).toBe(300);
      await runImportJob(there.engine, b, { batchSize: 100, ...inThread });
      expect(await outcome(there, b)).toEqual(await outcome(here, a));
    },
  );

  it('a thread that fails stops the job with its error instead of hanging', async () => {
    const s = await side();
    const id = await runFile(s, messyFile(50), {}, {});
    const crash = () =>
      new Worker('throw new Error("the thread broke")', { eval: true }) as unknown as Worker;
    await expect(
      runImportJob(s.engine, id, { prepareThread: crash, threadFromRows: 0 }),
    ).rejects.toThrow('the thread broke');
    expect(await s.store.importJobs.get(id)).toMatchObject({ status: 'running', rowsDone: 0 });
  });

  it('is not started for a file smaller than threadFromRows', async () => {
    const s = await side();
    const id = await runFile(s, messyFile(120), {}, {});
    let started = 0;
    const counted = (data: ImportThreadData) => {
      started++;
      return threadOf(data);
    };
    const end = await runImportJob(s.engine, id, { prepareThread: counted, threadFromRows: 200 });
    expect(end).toMatchObject({ status: 'done', rowsDone: 119 });
    expect(started).toBe(0);
  });
});
