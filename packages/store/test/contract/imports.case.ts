import { describe, expect, it } from 'vitest';
import type { ImportJob, ImportRowResult } from '../../src/index';
import { useStore, type StoreFactory } from './factory';

const job = (id: string, extra: Partial<ImportJob> = {}): ImportJob => ({
  id,
  entity: 'lead',
  dryRun: false,
  status: 'running',
  createdBy: 'u1',
  fileName: '线索.csv',
  filePath: `/data/imports/${id}`,
  options: { mapping: { 0: 'name' }, dedupe: 'skip' },
  rowsTotal: null,
  lastRow: 1,
  rowsDone: 0,
  created: 0,
  updated: 0,
  skipped: 0,
  failed: 0,
  error: null,
  createdAt: 10,
  updatedAt: 10,
  finishedAt: null,
  ...extra,
});

const failedRow = (row: number): ImportRowResult => ({
  jobId: 'j1',
  row,
  outcome: 'failed',
  recordId: null,
  errors: [
    { column: '手机号', field: 'phone', code: 'invalid_phone', message: '手机号格式不正确' },
  ],
  cells: ['王芳', '1391234567'],
});

/** Import jobs: checkpoints commit with the batch, cancel stops checkpoints, row reports page. */
export function importsContract(factory: StoreFactory): void {
  const ctx = useStore(factory);

  describe(`${factory.dialect}: import jobs`, () => {
    it('keeps a job, its checkpoints and its row results', async () => {
      const jobs = ctx.store.importJobs;
      await jobs.insert(job('j1'));
      await jobs.insert(job('j2', { createdBy: 'u2', createdAt: 20, dryRun: true }));
      expect(await jobs.get('j1')).toEqual(job('j1'));
      expect(await jobs.get('nope')).toBeNull();
      await jobs.setTotal('j1', 3, 11);
      expect(
        await jobs.checkpoint(
          'j1',
          { lastRow: 3, rowsDone: 2, created: 1, updated: 0, skipped: 0, failed: 1, at: 12 },
          [failedRow(3)],
        ),
      ).toBe(true);
      expect(await jobs.get('j1')).toMatchObject({
        rowsTotal: 3,
        lastRow: 3,
        rowsDone: 2,
        failed: 1,
      });
      await jobs.checkpoint(
        'j1',
        { lastRow: 4, rowsDone: 3, created: 1, updated: 0, skipped: 1, failed: 1, at: 13 },
        [{ ...failedRow(4), outcome: 'skipped', errors: [] }],
      );
      expect(await jobs.rows('j1', { limit: 10 })).toEqual([
        failedRow(3),
        { ...failedRow(4), outcome: 'skipped', errors: [] },
      ]);
      expect(
        (await jobs.rows('j1', { outcomes: ['failed'], limit: 10 })).map((r) => r.row),
      ).toEqual([3]);
      expect((await jobs.rows('j1', { afterRow: 3, limit: 10 })).map((r) => r.row)).toEqual([4]);
      expect((await jobs.list({ limit: 10 })).map((j) => j.id)).toEqual(['j2', 'j1']);
      expect((await jobs.list({ createdBy: 'u1', limit: 10 })).map((j) => j.id)).toEqual(['j1']);
      expect((await jobs.list({ entity: 'deal', limit: 10 })).map((j) => j.id)).toEqual([]);
      expect((await jobs.running()).map((j) => j.id)).toEqual(['j1', 'j2']);
      expect(await jobs.finish('j1', 'done', 14)).toBe(true);
      expect(await jobs.finish('j1', 'failed', 15, 'late')).toBe(false);
      expect(await jobs.get('j1')).toMatchObject({ status: 'done', finishedAt: 14, error: null });
      expect((await jobs.running()).map((j) => j.id)).toEqual(['j2']);
      await jobs.remove('j1');
      expect(await jobs.get('j1')).toBeNull();
      expect(await jobs.rows('j1', { limit: 10 })).toEqual([]);
    });

    it('commits a checkpoint with its batch or not at all, and refuses one after a cancel', async () => {
      const jobs = ctx.store.importJobs;
      await jobs.insert(job('j1'));
      await expect(
        ctx.store.transaction(async (tx) => {
          await tx.importJobs.checkpoint(
            'j1',
            { lastRow: 9, rowsDone: 8, created: 8, updated: 0, skipped: 0, failed: 0, at: 12 },
            [failedRow(5)],
          );
          throw new Error('the batch failed');
        }),
      ).rejects.toThrow('the batch failed');
      expect(await jobs.get('j1')).toMatchObject({ lastRow: 1, rowsDone: 0 });
      expect(await jobs.rows('j1', { limit: 10 })).toEqual([]);
      expect(await jobs.finish('j1', 'cancelled', 13)).toBe(true);
      expect(
        await jobs.checkpoint(
          'j1',
          { lastRow: 9, rowsDone: 8, created: 8, updated: 0, skipped: 0, failed: 0, at: 14 },
          [failedRow(5)],
        ),
      ).toBe(false);
      expect(await jobs.get('j1')).toMatchObject({ status: 'cancelled', lastRow: 1 });
      expect(await jobs.rows('j1', { limit: 10 })).toEqual([]);
    });

    it('leases a job to one holder at a time; a lapsed lease passes to another', async () => {
      const jobs = ctx.store.importJobs;
      await jobs.insert(job('j1'));
      const counts = { rowsDone: 1, created: 1, updated: 0, skipped: 0, failed: 0 };
      // Two takers at once: exactly one wins.
      const taken = await Promise.all([
        jobs.lease('j1', 'A', 100, 10),
        jobs.lease('j1', 'B', 100, 10),
      ]);
      expect(taken.filter(Boolean)).toHaveLength(1);
      const [holder, other] = taken[0] ? ['A', 'B'] : ['B', 'A'];
      expect(await jobs.lease('j1', other, 150, 99)).toBe(false);
      expect(await jobs.lease('j1', holder, 150, 99)).toBe(true);
      // A checkpoint renews the holder's lease and is refused to anyone else.
      const at = (lastRow: number, h: string, until: number) => ({
        ...counts,
        lastRow,
        at: lastRow,
        lease: { holder: h, until },
      });
      expect(await jobs.checkpoint('j1', at(2, other, 500), [])).toBe(false);
      expect(await jobs.checkpoint('j1', at(2, holder, 300), [])).toBe(true);
      expect(await jobs.lease('j1', other, 400, 299)).toBe(false);
      // The holder died: once its time is up the other takes over, and the old one is shut out.
      expect(await jobs.lease('j1', other, 700, 300)).toBe(true);
      expect(await jobs.checkpoint('j1', at(3, holder, 900), [failedRow(3)])).toBe(false);
      expect(await jobs.get('j1')).toMatchObject({ lastRow: 2 });
      expect(await jobs.rows('j1', { limit: 10 })).toEqual([]);
      // A finished job is nobody's.
      await jobs.finish('j1', 'done', 301);
      expect(await jobs.lease('j1', other, 800, 301)).toBe(false);
    });
  });
}
