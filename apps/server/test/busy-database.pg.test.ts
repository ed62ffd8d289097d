import { afterAll, describe, expect, it } from 'vitest';
import { ADMIN_ROLE } from '@trellis/engine';
import { openStore, type Store } from '@trellis/store';
import { createTestDatabase, dropTestDatabase } from '@trellis/tooling/pg';
import { httpHarness } from './http-harness';
import { educationSpec } from './stack';

// A write the database refuses for a moment — here PostgreSQL's lock timeout, while another
// process's transaction holds the lead's row — is answered 503 with Retry-After and the reason in
// the caller's language, through the API and through intake, with nothing of it written; the
// same write succeeds once the lock is gone. PostgreSQL only (SQLite has one writer).
const stores: Store[] = [];
let url: string | null = null;
/** Lets the other process's transaction commit (also after a failed test: the stores close). */
let release = () => {};
afterAll(async () => {
  release();
  for (const s of stores) await s.close();
  await dropTestDatabase(url);
});

const PHONE = '13912345678';

describe('a write the database refuses for a moment', () => {
  it('answers 503 with Retry-After in zh-CN and en, writes nothing, and succeeds on a retry', async () => {
    url = await createTestDatabase('busy');
    if (!url) throw new Error('the postgres project needs the PostgreSQL test server');
    // The server's connections wait 300 ms for a lock, then give up (55P03, lock_not_available).
    const served = await openStore({ url: `${url}?options=-c%20lock_timeout%3D300` });
    const other = await openStore({ url });
    stores.push(served, other);
    const published = await served.specs.publish({ spec: educationSpec(), now: Date.now() });
    if (!published.ok) throw new Error(JSON.stringify(published.errors.slice(0, 3)));
    const { app, request } = await httpHarness({
      store: served,
      limits: { intakePerMinute: 0 },
    });
    const adminId = await app.ctx.users.insert(
      { login: 'boss', passwordHash: null, role: ADMIN_ROLE },
      Date.now(),
    );
    const { token } = await app.ctx.tokens.issue(
      { name: 'busy', role: ADMIN_ROLE, userId: adminId, createdBy: adminId },
      Date.now(),
    );
    const api = (path: string, method: string, json: unknown, locale = 'zh-CN') =>
      request(path, {
        method,
        json,
        headers: { authorization: `Bearer ${token}`, 'accept-language': locale },
      });
    const created = await api('/api/v1/records/lead', 'POST', {
      name: '王伟',
      phone: PHONE,
      source: 'website',
      course: 'python',
    });
    expect(created.status).toBe(201);
    const lead = (await created.json()) as { id: string; version: number };

    // Another process holds the lead's row until told to commit.
    const released = new Promise<void>((r) => (release = r));
    let held = () => {};
    const holding = new Promise<void>((r) => (held = r));
    const holder = other.transaction(async (tx) => {
      const r = await tx
        .records(published.spec)
        .update('lead', lead.id, { notes: 'held' }, lead.version);
      if (!r.ok) throw new Error(JSON.stringify(r));
      held();
      await released;
    });
    await holding;

    const edit = { version: lead.version, notes: '接口修改' };
    const zh = await api(`/api/v1/records/lead/${lead.id}`, 'PATCH', edit);
    expect(zh.status).toBe(503);
    expect(zh.headers.get('retry-after')).toBe('1');
    expect(await zh.json()).toMatchObject({
      status: 503,
      code: 'database_busy',
      detail:
        '数据库正忙，本次写入没有保存，请稍后重试（使用同一个 Idempotency-Key 重试是安全的）。',
    });
    const en = await api(`/api/v1/records/lead/${lead.id}`, 'PATCH', edit, 'en');
    expect(en.status).toBe(503);
    expect(((await en.json()) as { detail: string }).detail).toBe(
      'The database is busy; nothing was saved. Try again shortly (retrying with the same Idempotency-Key is safe).',
    );
    // A public form submission of the same person merges into the held record: refused alike.
    const form = () =>
      request('/f/apply', {
        method: 'POST',
        json: { name: '王伟', phone: PHONE, course: 'python', utm_campaign: 'retry' },
        headers: { 'idempotency-key': 'busy-1', 'accept-language': 'en' },
      });
    const submitted = await form();
    expect(submitted.status).toBe(503);
    expect(submitted.headers.get('retry-after')).toBe('1');
    expect(((await submitted.json()) as { code: string }).code).toBe('database_busy');
    const logged = await served.intakeLog.recent('form', 'trial-apply', 5);
    expect(logged[0]).toMatchObject({ status: 'rejected', httpStatus: 503 });

    release();
    await holder;
    // Nothing of the refused writes: the record as the other process committed it.
    const now = (await served.records(published.spec).get('lead', lead.id))!;
    expect(now).toMatchObject({ notes: 'held', version: lead.version + 1 });
    // The same writes again, the lock gone: they succeed.
    const again = await api(`/api/v1/records/lead/${lead.id}`, 'PATCH', {
      version: now.version,
      notes: '接口修改',
    });
    expect(again.status).toBe(200);
    expect((await form()).status).toBe(201);
  });
});
