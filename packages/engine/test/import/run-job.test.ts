import { join } from 'node:path';
import type { Store } from '@trellis/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  cancelImportJob,
  createImportJob,
  previewImport,
  resumeImportJobs,
  runImportJob,
  type Engine,
  type ImportOptions,
} from '../../src/index';
import { loadEducationSpec } from '../fixtures/education';
import { setup, teardown } from '../fixtures/harness';

const DATA = join(import.meta.dirname, '../../test-data/import');
const GBK = join(DATA, 'leads-gbk.csv');
const spec = loadEducationSpec();
const actor = { kind: 'user' as const, userId: 'u-ops', role: 'admin' };

let t: Awaited<ReturnType<typeof setup>>;
beforeEach(async () => {
  t = await setup(spec);
  await t.addUser('u-ops');
});
afterEach(() => teardown(t.store));

async function options(engine: Engine, extra: Partial<ImportOptions> = {}): Promise<ImportOptions> {
  const preview = await previewImport(engine, 'lead', GBK, {});
  return { mapping: preview!.mapping, dedupe: 'skip', locale: 'zh-CN', actor, ...extra };
}

async function importFile(extra: Partial<ImportOptions> = {}, dryRun = false, path = GBK) {
  const job = await createImportJob(t.engine, {
    entity: 'lead',
    fileName: 'leads.csv',
    filePath: path,
    options: await options(t.engine, extra),
    dryRun,
  });
  return (await runImportJob(t.engine, job.id, { batchSize: 3 }))!;
}

const leads = (store: Store) => store.tables.rows('e_lead');

describe('running an import', () => {
  it('writes an Excel GBK file through the write path and reports every refused row', async () => {
    const job = await importFile();
    expect(job).toMatchObject({
      status: 'done',
      rowsTotal: 7,
      rowsDone: 7,
      created: 4,
      skipped: 1,
      failed: 2,
    });
    const rows = await leads(t.store);
    expect(rows.map((r) => r.phone).sort()).toEqual([
      '+8613700137000',
      '+8613800138000',
      '+8613912345678',
      '+8618600186000',
    ]);
    // Owned by the person importing; labels became option values; text dates became instants.
    const zhang = rows.find((r) => r.phone === '+8613800138000')!;
    expect(zhang).toMatchObject({
      name: '张伟',
      source: 'douyin',
      course: 'python',
      owner_id: 'u-ops',
    });
    expect(Number(zhang.firstContactAt)).toBe(Date.UTC(2026, 2, 5, 6, 30));
    const report = await t.store.importJobs.rows(job.id, { limit: 100 });
    expect(report.map((r) => [r.row, r.outcome])).toEqual([
      [4, 'failed'],
      [6, 'skipped'],
      [7, 'failed'],
    ]);
    const wang = report[0]!;
    expect(wang.cells[0]).toBe('王芳');
    expect(wang.errors.map((e) => e.column).sort()).toEqual(['年龄', '手机号']);
    expect(wang.errors.find((e) => e.column === '手机号')!.message).toMatch(/手机号/);
    expect(report[1]!.errors[0]!.message).toBe('与第 2 行重复');
    expect(report[2]!.errors[0]).toMatchObject({ column: '来源渠道', field: 'source' });
    // One history entry and one event per created record, written as an import.
    const events = (await t.outbox()).filter((e) => e.type === 'record.created');
    expect(events).toHaveLength(4);
    expect(events.every((e) => e.via === 'import' && e.payload.automations === false)).toBe(true);
  });

  it('dry-runs: reports every row, writes nothing', async () => {
    const job = await importFile({ locale: 'en' }, true);
    expect(job).toMatchObject({ status: 'done', created: 4, skipped: 1, failed: 2 });
    expect(await leads(t.store)).toEqual([]);
    expect(await t.outbox()).toEqual([]);
    const report = await t.store.importJobs.rows(job.id, { limit: 100 });
    expect(report.map((r) => r.outcome)).toEqual([
      'created',
      'created',
      'failed',
      'created',
      'skipped',
      'failed',
      'created',
    ]);
    expect(report[4]!.errors[0]!.message).toBe('Same as row 2');
  });

  it('maps values the user chose and runs automations when asked', async () => {
    const job = await importFile({ values: { source: { 小红书: 'other' } }, automations: true });
    expect(job).toMatchObject({ created: 5, failed: 1 });
    const chen = (await leads(t.store)).find((r) => r.name === '陈静')!;
    expect(chen.source).toBe('other');
    const events = (await t.outbox()).filter((e) => e.type === 'record.created');
    expect(events.every((e) => !('automations' in e.payload))).toBe(true);
  });

  it('with automations on, waits for the automation worker instead of flooding it', async () => {
    const job = await createImportJob(t.engine, {
      entity: 'lead',
      fileName: 'leads.csv',
      filePath: GBK,
      options: await options(t.engine, { automations: true }),
      dryRun: false,
    });
    const current = async () => (await t.store.importJobs.get(job.id))!;
    // One row a batch, at most one event waiting: the batch after two created leads waits.
    const run = runImportJob(t.engine, job.id, { batchSize: 1, maxPendingEvents: 1 });
    for (let i = 0; i < 200 && (await current()).created < 2; i++)
      await new Promise((r) => setTimeout(r, 10));
    await new Promise((r) => setTimeout(r, 300));
    expect(await current()).toMatchObject({ status: 'running', created: 2 });
    expect(await t.store.outbox.pending()).toBe(2);
    // The worker takes the events: the import goes on to the end.
    let ended = false;
    const drain = (async () => {
      while (!ended) {
        for (const e of await t.store.outbox.claim('w', Date.now(), 60_000, 10))
          await t.store.outbox.complete(e.seq, 'w', Date.now());
        await new Promise((r) => setTimeout(r, 10));
      }
    })();
    const end = await run;
    ended = true;
    await drain;
    expect(end).toMatchObject({ status: 'done', created: 4, skipped: 1, failed: 2 });
  });

  it('skips, updates or refuses records already in the database', async () => {
    await importFile();
    const skip = await importFile();
    expect(skip).toMatchObject({ created: 0, skipped: 5, failed: 2 });
    const create = await importFile({ dedupe: 'create' });
    expect(create).toMatchObject({ created: 0, skipped: 0, failed: 7 });
    const before = (await leads(t.store)).find((r) => r.phone === '+8613800138000')!;
    const update = await importFile({ dedupe: 'update', values: { source: { 抖音: 'referral' } } });
    // Row 6 repeats row 2's phone: in update mode both update the same record.
    expect(update).toMatchObject({ created: 0, updated: 5, failed: 2 });
    const after = (await leads(t.store)).find((r) => r.phone === '+8613800138000')!;
    expect(after).toMatchObject({ id: before.id, source: 'referral', notes: '同一人第二次登记' });
    expect(await leads(t.store)).toHaveLength(4);
  });

  it('resumes after a stop without writing a row twice', async () => {
    const job = await createImportJob(t.engine, {
      entity: 'lead',
      fileName: 'leads.csv',
      filePath: GBK,
      options: await options(t.engine),
      dryRun: false,
    });
    // The process dies after its first committed batch (the error leaves the job running).
    await expect(
      runImportJob(t.engine, job.id, {
        batchSize: 2,
        onProgress: () => {
          throw new Error('killed');
        },
      }),
    ).rejects.toThrow('killed');
    expect(await t.store.importJobs.get(job.id)).toMatchObject({
      status: 'running',
      lastRow: 3,
      created: 2,
    });
    expect(await leads(t.store)).toHaveLength(2);
    await resumeImportJobs(t.engine, { batchSize: 2 });
    expect(await t.store.importJobs.get(job.id)).toMatchObject({
      status: 'done',
      rowsDone: 7,
      created: 4,
      skipped: 1,
      failed: 2,
    });
    expect(await leads(t.store)).toHaveLength(4);
  });

  it('stops at a cancel: the batch in progress is not written', async () => {
    const job = await createImportJob(t.engine, {
      entity: 'lead',
      fileName: 'leads.csv',
      filePath: GBK,
      options: await options(t.engine),
      dryRun: false,
    });
    const end = await runImportJob(t.engine, job.id, {
      batchSize: 2,
      onProgress: () => void cancelImportJob(t.engine, job.id),
    });
    expect(end).toMatchObject({ status: 'cancelled', rowsDone: 2, created: 2 });
    expect(await leads(t.store)).toHaveLength(2);
    expect(await cancelImportJob(t.engine, job.id)).toBe(false);
  });

  it('previews and imports a workbook whose workbook part is stored after its sheets', async () => {
    const path = join(DATA, 'leads-workbook-last.xlsx');
    const preview = (await previewImport(t.engine, 'lead', path, {}))!;
    expect(preview.facts).toEqual({ format: 'xlsx', sheets: ['线索', '说明'], sheet: '线索' });
    expect(preview.mapping).toEqual({
      0: 'name',
      1: 'phone',
      2: 'source',
      3: 'firstContactAt',
      4: 'notes',
    });
    expect(preview.sample[0]!.cells[0]).toBe('学员0号');
    const job = await createImportJob(t.engine, {
      entity: 'lead',
      fileName: 'leads.xlsx',
      filePath: path,
      options: { mapping: preview.mapping, dedupe: 'skip', locale: 'zh-CN', actor },
      dryRun: false,
    });
    const end = (await runImportJob(t.engine, job.id, { batchSize: 500 }))!;
    expect(end).toMatchObject({ status: 'done', rowsDone: 2000, created: 2000, failed: 0 });
    const rows = await leads(t.store);
    const last = rows.find((r) => r.phone === '+8613900001999')!;
    expect(last).toMatchObject({
      name: '学员1999号',
      source: 'douyin',
      notes: '第1999位学员想了解周末班的课程安排、上课地点和分期付款',
    });
    // 14:30 + 19 minutes on the 1904 date system's wall clock, in Asia/Shanghai.
    expect(Number(last.firstContactAt)).toBe(Date.UTC(2026, 2, 5, 6, 49));
  });

  it('fails a job whose file cannot be read, with the reason in its language', async () => {
    await expect(
      previewImport(t.engine, 'lead', join(DATA, 'picture.csv'), {}),
    ).rejects.toMatchObject({
      code: 'import.binary',
    });
    // A job over it (a file replaced after the preview) fails as a whole.
    const job = await createImportJob(t.engine, {
      entity: 'lead',
      fileName: 'x.csv',
      filePath: join(DATA, 'picture.csv'),
      options: await options(t.engine),
      dryRun: false,
    });
    expect(await runImportJob(t.engine, job.id)).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/CSV/),
    });
  });
});
