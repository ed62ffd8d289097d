import type { AppSpec } from '@trellis/spec';
import { describe, expect, it } from 'vitest';
import { count, rows } from './rows';
import { fullStack } from './stack';

/** The education spec with the `apply` form switched to an intake mode. */
const withMode =
  (mode: 'create' | 'reject') =>
  (spec: AppSpec): AppSpec => ({
    ...spec,
    forms: (spec.forms ?? []).map((f) => (f.key === 'trial-apply' ? { ...f, mode } : f)),
  });

const leads = async (s: Awaited<ReturnType<typeof fullStack>>) =>
  (await rows(s.store, 'e_lead'))
    .sort(
      (a, b) =>
        Number(a.created_at) - Number(b.created_at) || String(a.id).localeCompare(String(b.id)),
    )
    .map((r) => ({ id: String(r.id), name: String(r.name), phone: String(r.phone) }));

describe('public form intake modes', () => {
  it("mode 'create': every submission is a new record, even with the same phone", async () => {
    const s = await fullStack({}, withMode('create'));
    const first = await s.request('/f/apply', {
      method: 'POST',
      json: { name: '张三', phone: '13800138000' },
    });
    const second = await s.request('/f/apply', {
      method: 'POST',
      json: { name: '张三 第二次', phone: '+86 138-0013-8000' },
    });
    expect([first.status, second.status]).toEqual([201, 201]);
    const got = await leads(s);
    expect(got.map((r) => [r.name, r.phone])).toEqual([
      ['张三', '+8613800138000'],
      ['张三 第二次', '+8613800138000'],
    ]);
    // Nothing was merged: no resubmission activity, both log entries say accepted.
    expect(await count(s.store, 'activities')).toBe(0);
    expect((await rows(s.store, 'intake_log', { kind: 'form' })).map((r) => r.status)).toEqual([
      'accepted',
      'accepted',
    ]);
  });

  it("mode 'create' still answers a repeated Idempotency-Key with the first reply and one record", async () => {
    const s = await fullStack({}, withMode('create'));
    const send = () =>
      s.request('/f/apply', {
        method: 'POST',
        json: { name: '李四', phone: '13900139000' },
        headers: { 'idempotency-key': 'form-create-1' },
      });
    const a = await send();
    const b = await send();
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(await b.json()).toEqual(await a.json());
    expect(await leads(s)).toHaveLength(1);
  });

  it("mode 'reject' refuses the same phone with 409 and keeps one record; the default merges", async () => {
    const r = await fullStack({}, withMode('reject'));
    await r.request('/f/apply', { method: 'POST', json: { name: '王五', phone: '13700137000' } });
    const again = await r.request('/f/apply', {
      method: 'POST',
      json: { name: '王五', phone: '13700137000' },
    });
    expect(again.status).toBe(409);
    expect(await leads(r)).toHaveLength(1);
    const m = await fullStack();
    await m.request('/f/apply', { method: 'POST', json: { name: '王五', phone: '13700137000' } });
    await m.request('/f/apply', { method: 'POST', json: { name: '王五', phone: '13700137000' } });
    expect(await leads(m)).toHaveLength(1);
  });
});
