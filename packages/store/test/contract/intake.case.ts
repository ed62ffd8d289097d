import { describe, expect, it } from 'vitest';
import type { IntakeLogEntry } from '../../src/index';
import { useStore, type StoreFactory } from './factory';

const DAY = 86_400_000;
const entry = (id: string, extra: Partial<IntakeLogEntry>): IntakeLogEntry => ({
  id,
  kind: 'form',
  sourceKey: 'apply',
  status: 'accepted',
  httpStatus: 201,
  reasons: null,
  recordId: null,
  ip: '10.0.0.1',
  idempotencyKey: null,
  at: 0,
  ...extra,
});

/** Intake log, idempotency replies, webhook secrets and files. */
export function intakeContract(factory: StoreFactory): void {
  const ctx = useStore(factory);

  describe(`${factory.dialect}: intake log`, () => {
    it('answers a source health: last success, last failure, days, recent entries', async () => {
      const log = ctx.store.intakeLog;
      await log.append(entry('l1', { at: 1 * DAY + 5, recordId: 'r1' }));
      await log.append(entry('l2', { at: 1 * DAY + 9, status: 'merged' }));
      await log.append(
        entry('l3', {
          at: 2 * DAY + 1,
          status: 'rejected',
          httpStatus: 422,
          reasons: [{ path: '/phone', code: 'required', message: '请填写手机号' }],
        }),
      );
      await log.append(entry('l4', { at: 3 * DAY, kind: 'webhook', sourceKey: 'apply' }));
      expect((await log.last('form', 'apply', ['accepted', 'merged']))?.id).toBe('l2');
      expect(await log.last('form', 'apply', ['rejected', 'unauthorized'], 2 * DAY + 1)).toBeNull();
      expect(await log.last('form', 'apply', ['rejected'])).toMatchObject({
        id: 'l3',
        httpStatus: 422,
        reasons: [{ path: '/phone', code: 'required', message: '请填写手机号' }],
      });
      expect(await log.daily('form', 'apply', DAY)).toEqual([
        { day: 1, status: 'accepted', count: 1 },
        { day: 1, status: 'merged', count: 1 },
        { day: 2, status: 'rejected', count: 1 },
      ]);
      expect((await log.recent('form', 'apply', 2)).map((e) => e.id)).toEqual(['l3', 'l2']);
    });
  });

  describe(`${factory.dialect}: idempotency, secrets, files`, () => {
    it('keeps the first reply per idempotency key', async () => {
      expect(await ctx.store.idempotency.get('k1')).toBeNull();
      await ctx.store.idempotency.put('k1', 'form', { status: 201, body: { id: 'r1' } }, 5);
      await ctx.store.idempotency.put('k1', 'form', { status: 201, body: { id: 'r2' } }, 6);
      expect(await ctx.store.idempotency.get('k1')).toEqual({ status: 201, body: { id: 'r1' } });
    });

    it('stores and replaces webhook secrets', async () => {
      expect(await ctx.store.webhookSecrets.get('douyin')).toBeNull();
      await ctx.store.webhookSecrets.put('douyin', 'sha256:aa', 1);
      await ctx.store.webhookSecrets.put('douyin', 'enc:bb', 2);
      expect(await ctx.store.webhookSecrets.get('douyin')).toBe('enc:bb');
    });

    it('stores file rows', async () => {
      const f = {
        id: 'f1',
        name: '合同.pdf',
        mime: 'application/pdf',
        size: 12,
        sha256: 'ab',
        storagePath: 'ab/abcd',
        createdBy: null,
        createdAt: 3,
      };
      await ctx.store.files.insert(f);
      expect(await ctx.store.files.get('f1')).toEqual(f);
      expect(await ctx.store.files.get('f2')).toBeNull();
    });
  });
}
