import { describe, expect, it } from 'vitest';
import type { ExportLogEntry } from '../../src/index';
import { useStore, type StoreFactory } from './factory';

const entry = (id: string, at: number, extra: Partial<ExportLogEntry> = {}): ExportLogEntry => ({
  id,
  userId: 'u1',
  entity: 'lead',
  view: null,
  filter: null,
  q: null,
  format: 'csv',
  rows: 0,
  at,
  ...extra,
});

/** The export audit trail: every field kept as written, pages newest first. */
export function exportLogContract(factory: StoreFactory): void {
  const ctx = useStore(factory);

  describe(`${factory.dialect}: export log`, () => {
    it('keeps each export and pages them newest first', async () => {
      const log = ctx.store.exportLog;
      const full = entry('e1', 10, {
        view: 'my-leads',
        filter: '{"==":[{"var":"source"},"douyin"]}',
        q: '王',
        format: 'csv-gbk',
        rows: 1_000_000,
      });
      await log.append(full);
      await log.append(entry('e2', 30, { userId: null, format: 'xlsx', rows: 3 }));
      // Same instant: the id breaks the tie, so no entry is repeated or skipped across pages.
      await log.append(entry('e3', 30));
      const first = await log.page({ limit: 2 });
      expect(first?.items.map((e) => e.id)).toEqual(['e3', 'e2']);
      expect(first?.items[1]).toEqual(entry('e2', 30, { userId: null, format: 'xlsx', rows: 3 }));
      expect(first?.nextCursor).toBeTypeOf('string');
      const second = await log.page({ limit: 2, cursor: first!.nextCursor });
      expect(second).toEqual({ items: [full], nextCursor: null });
      expect(await log.page({ cursor: 'not-a-cursor' })).toBeNull();
    });

    it('writes nothing when the transaction around the append rolls back', async () => {
      await expect(
        ctx.store.transaction(async (tx) => {
          await tx.exportLog.append(entry('gone', 5));
          throw new Error('abort');
        }),
      ).rejects.toThrow('abort');
      expect((await ctx.store.exportLog.page({}))?.items).toEqual([]);
    });
  });
}
