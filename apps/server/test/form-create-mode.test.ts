import type { AppSpec } from '@trellis/spec';
import { describe, expect, it } from 'vitest';
import { fullStack } from './stack';

/** The education spec with the `apply` form switched to an intake mode. */
const withMode =
  (mode: 'create' | 'reject') =>
  (spec: AppSpec): AppSpec => ({
    ...spec,
    forms: (spec.forms ?? []).map((f) => (f.key === 'trial-apply' ? { ...f, mode } : f)),
  });

const leads = (s: ReturnType<typeof fullStack>) =>
  s.db.sqlite.prepare('SELECT id, name, phone FROM e_lead ORDER BY created_at, id').all() as {
    id: string;
    name: string;
    phone: string;
  }[];

describe('public form intake modes', () => {
  it("mode 'create': every submission is a new record, even with the same phone", async () => {
    const s = fullStack({}, withMode('create'));
    const first = await s.request('/f/apply', {
      method: 'POST',
      json: { name: '张三', phone: '13800138000' },
    });
    const second = await s.request('/f/apply', {
      method: 'POST',
      json: { name: '张三 第二次', phone: '+86 138-0013-8000' },
    });
    expect([first.status, second.status]).toEqual([201, 201]);
    const rows = leads(s);
    expect(rows.map((r) => [r.name, r.phone])).toEqual([
      ['张三', '+8613800138000'],
      ['张三 第二次', '+8613800138000'],
    ]);
    // Nothing was merged: no resubmission activity, both log entries say accepted.
    expect(s.db.sqlite.prepare('SELECT count(*) AS n FROM activities').get()).toEqual({ n: 0 });
    expect(
      s.db.sqlite
        .prepare("SELECT group_concat(status) AS s FROM intake_log WHERE kind = 'form'")
        .get(),
    ).toEqual({ s: 'accepted,accepted' });
  });

  it("mode 'create' still answers a repeated Idempotency-Key with the first reply and one record", async () => {
    const s = fullStack({}, withMode('create'));
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
    expect(leads(s)).toHaveLength(1);
  });

  it("mode 'reject' refuses the same phone with 409 and keeps one record; the default merges", async () => {
    const r = fullStack({}, withMode('reject'));
    await r.request('/f/apply', { method: 'POST', json: { name: '王五', phone: '13700137000' } });
    const again = await r.request('/f/apply', {
      method: 'POST',
      json: { name: '王五', phone: '13700137000' },
    });
    expect(again.status).toBe(409);
    expect(leads(r)).toHaveLength(1);
    const m = fullStack();
    await m.request('/f/apply', { method: 'POST', json: { name: '王五', phone: '13700137000' } });
    await m.request('/f/apply', { method: 'POST', json: { name: '王五', phone: '13700137000' } });
    expect(leads(m)).toHaveLength(1);
  });
});
