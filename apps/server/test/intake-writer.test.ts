import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { specVersions } from '@trellis/store';
import { hashPassword } from '../src/auth/password';
import {
  ensureDataDir,
  installSpec,
  openRuntime,
  startIntakeWriter,
  type TrellisRuntime,
} from '../src/index';
import type { IntakeWriter } from '../src/intake/intake-writer';
import { ORIGIN, cookieOf } from './http-harness';
import { body } from './fuzz-inputs';
import { educationSpec } from './stack';

let dir = '';
let rt: TrellisRuntime | undefined;
let writer: IntakeWriter | undefined;
afterEach(async () => {
  await writer?.stop();
  rt?.close();
  rmSync(dir, { recursive: true, force: true });
  writer = undefined;
  rt = undefined;
});

/** A data directory served like `trellis start`: intake written by the intake writer thread. */
function served() {
  dir = mkdtempSync(join(tmpdir(), 'intake-writer-'));
  const paths = ensureDataDir(dir);
  rt = openRuntime(paths, { server: { limits: { intakePerMinute: 0 }, log: () => {} } });
  const installed = installSpec(rt.db, educationSpec());
  if (!installed.ok) throw new Error('education spec did not install');
  // A minute before the writer would notice a publish by itself: only the HTTP thread's
  // version hint can make it run a new spec at once.
  writer = startIntakeWriter(paths.db, { liveRecheckMs: 60_000 });
  rt.app.ctx.intakeWriter = writer;
  const app = rt.app;
  const request = (path: string, init: RequestInit & { json?: unknown; cookie?: string } = {}) => {
    const headers = new Headers(init.headers);
    if (init.json !== undefined) headers.set('content-type', 'application/json');
    if (init.cookie) {
      headers.set('cookie', init.cookie);
      headers.set('origin', ORIGIN);
    }
    return app.request(`${ORIGIN}${path}`, {
      ...init,
      headers,
      body: init.json !== undefined ? JSON.stringify(init.json) : init.body,
    });
  };
  const sql = <T>(q: string, ...params: unknown[]) =>
    rt!.db.sqlite.prepare(q).all(...params) as T[];
  return { rt, request, sql };
}

describe('intake written by the intake writer thread', () => {
  it('writes, merges, replays and refuses exactly like the HTTP thread would', async () => {
    const { rt, request, sql } = served();
    const writtenHere = () =>
      rt.db.sqlite.prepare('SELECT total_changes() AS n').pluck().get() as number;
    const before = writtenHere();
    // Written through the writer's own connection: the HTTP thread's connection sees it after the answer.
    const first = await request('/f/apply?utm_source=douyin', {
      method: 'POST',
      json: { name: '张三', phone: '138 0013 8000', course: 'python' },
      headers: { 'idempotency-key': 'k-1' },
    });
    expect(first.status).toBe(201);
    const body = await first.json();
    expect(body).toMatchObject({ ok: true });
    expect(sql('SELECT name, phone FROM e_lead')).toEqual([
      { name: '张三', phone: '+8613800138000' },
    ]);
    expect(writtenHere()).toBe(before);

    // The same key again: the stored answer, nothing written twice.
    const replay = await request('/f/apply?utm_source=douyin', {
      method: 'POST',
      json: { name: '张三', phone: '138 0013 8000', course: 'python' },
      headers: { 'idempotency-key': 'k-1' },
    });
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(await replay.json()).toEqual(body);

    // The same prospect through another form: merged, one record with two touches and an activity.
    const again = await request('/f/dy?utm_source=wechat', {
      method: 'POST',
      json: { name: '张三', phone: '+86 138-0013-8000' },
    });
    expect(again.status).toBe(201);
    const [lead] = sql<{ id: string }>('SELECT id FROM e_lead');
    expect(sql('SELECT count(*) AS n FROM e_lead')).toEqual([{ n: 1 }]);
    expect(sql('SELECT count(*) AS n FROM touches WHERE record_id = ?', lead!.id)).toEqual([
      { n: 2 },
    ]);
    expect(sql('SELECT count(*) AS n FROM activities WHERE record_id = ?', lead!.id)).toEqual([
      { n: 1 },
    ]);
    expect(sql("SELECT type FROM outbox WHERE type = 'form.submitted'")).toHaveLength(2);

    // Invalid values: the engine's localized errors come back across the thread, nothing is written.
    const en = await request('/f/apply', {
      method: 'POST',
      json: { name: 'x', phone: '12' },
      headers: { 'accept-language': 'en' },
    });
    expect(en.status).toBe(422);
    const problem = (await en.json()) as {
      errors: { path: string; code: string; message: string }[];
    };
    expect(problem.errors).toContainEqual(
      expect.objectContaining({ path: '/phone', code: 'invalid_phone' }),
    );
    expect(problem.errors.find((e) => e.path === '/phone')!.message).toMatch(/[a-z]/i);
    expect(sql('SELECT count(*) AS n FROM e_lead')).toEqual([{ n: 1 }]);
    expect(sql('SELECT status, http_status FROM intake_log ORDER BY at, rowid')).toEqual([
      { status: 'accepted', http_status: 201 },
      { status: 'merged', http_status: 201 },
      { status: 'rejected', http_status: 422 },
    ]);
  });

  it('answers a webhook with the record id and whether it merged', async () => {
    const { rt, request, sql } = served();
    const id = rt.app.ctx.users.insert(
      { login: 'root', passwordHash: await hashPassword('pass-word-1'), role: 'admin', teams: [] },
      Date.now(),
    );
    expect(id).toBeTruthy();
    const login = await request('/api/v1/auth/login', {
      method: 'POST',
      json: { login: 'root', password: 'pass-word-1' },
    });
    const cookie = cookieOf(login);
    expect(
      (
        await request('/api/v1/intake/webhooks/douyin/secret', {
          method: 'PUT',
          cookie,
          json: { secret: 'token-token-token-1' },
        })
      ).status,
    ).toBe(200);
    const payload = {
      lead: { name: '抖音用户', telephone: '13500135000' },
      ad: { campaign_code: 'dy_spring' },
    };
    const res = await request('/hooks/douyin', {
      method: 'POST',
      json: payload,
      headers: { 'x-trellis-token': 'token-token-token-1' },
    });
    expect(res.status).toBe(201);
    const [lead] = sql<{ id: string }>('SELECT id FROM e_lead');
    expect(await res.json()).toEqual({ ok: true, id: lead!.id, status: 'accepted' });
    const again = await request('/hooks/douyin', {
      method: 'POST',
      json: payload,
      headers: { 'x-trellis-token': 'token-token-token-1' },
    });
    expect(await again.json()).toEqual({ ok: true, id: lead!.id, status: 'merged' });
  });

  it('knows a form published a moment ago, and the HTTP thread writes once the writer stopped', async () => {
    const { rt, request, sql } = served();
    // Warm the writer's engine on the current version first, so the next publish is news to it.
    expect(
      (await request('/f/apply', { method: 'POST', json: { name: '甲', phone: '13700137000' } }))
        .status,
    ).toBe(201);
    // A new field on a new form: the writer's engine must run the new version, not refuse the field.
    // It would wait a minute to look (liveRecheckMs above); the version the HTTP thread passes along makes it look now.
    const spec = educationSpec();
    const lead = spec.entities.find((e) => e.key === 'lead')!;
    lead.fields.push({
      key: 'referrerName',
      type: 'text',
      label: { 'zh-CN': '推荐人', en: 'Referred by' },
    } as never);
    const apply = spec.forms!.find((f) => f.key === 'trial-apply')!;
    spec.forms!.push({
      ...apply,
      key: 'summer-apply',
      slug: 'summer',
      label: { 'zh-CN': '暑期报名', en: 'Summer sign-up' },
      sections: [{ ...apply.sections[0]!, fields: [...apply.sections[0]!.fields, 'referrerName'] }],
    });
    const published = specVersions(rt.db).publish({ spec, now: Date.now() });
    expect(published.ok).toBe(true);
    const summer = await request('/f/summer', {
      method: 'POST',
      json: { name: '乙', phone: '13700137001', referrerName: '王老师' },
    });
    expect(summer.status).toBe(201);
    expect(
      sql('SELECT source_key FROM touches ORDER BY at, rowid').map(
        (r) => (r as { source_key: string }).source_key,
      ),
    ).toEqual(['trial-apply', 'summer-apply']);
    expect(sql("SELECT referrerName FROM e_lead WHERE name = '乙'")).toEqual([
      { referrerName: '王老师' },
    ]);

    await writer!.stop();
    expect(writer!.write({} as never, null)).toBeNull();
    expect(
      (await request('/f/apply', { method: 'POST', json: { name: '丙', phone: '13700137002' } }))
        .status,
    ).toBe(201);
    expect(sql('SELECT count(*) AS n FROM e_lead')).toEqual([{ n: 3 }]);
  });
  it('a thread that cannot start is logged, leaves intake to the HTTP thread and stops at once', async () => {
    dir = mkdtempSync(join(tmpdir(), 'intake-writer-'));
    const logged: Record<string, unknown>[] = [];
    // A directory where the database file should be: the thread fails to open it.
    const started = performance.now();
    const broken = startIntakeWriter(dir, { log: (e) => logged.push(e) });
    // The thread boots through the TypeScript loader before it fails: seconds on a busy machine.
    for (let i = 0; i < 1500 && logged.length === 0; i++)
      await new Promise((r) => setTimeout(r, 20));
    const crashMs = performance.now() - started;
    expect(logged[0]).toMatchObject({ level: 'error', msg: 'intake writer crashed' });
    await new Promise((r) => setTimeout(r, 50));
    expect(broken.write({} as never, null)).toBeNull();
    // Stopping while it waits to be restarted neither hangs nor starts it again.
    await broken.stop();
    // A restart would come a second after the crash and take as long to fail again.
    await new Promise((r) => setTimeout(r, 1000 + crashMs * 1.5));
    expect(logged).toHaveLength(1);
  }, 90_000);
  it('answers malformed and hostile submissions across the thread with 4xx problems, never 5xx or a partial lead', async () => {
    const { request, sql } = served();
    // Real leads among the malformed bodies, so the thread also writes while it refuses.
    const lead = fc
      .record({
        name: fc.string({ minLength: 1, maxLength: 20 }),
        phone: fc
          .integer({ min: 0, max: 99_999_999 })
          .map((n) => `139${String(n).padStart(8, '0')}`),
      })
      .map((r) => ({ type: 'application/json', data: JSON.stringify(r) as string | Uint8Array }));
    const target = fc.record({
      path: fc.constantFrom('/f/apply', '/f/dy'),
      body: fc.oneof(body, lead),
    });
    const problems: string[] = [];
    const statuses = new Map<number, number>();
    for (const r of fc.sample(target, { numRuns: 1500, seed: 20261123 })) {
      const res = await request(r.path, {
        method: 'POST',
        body: r.body.data,
        headers: r.body.type ? { 'content-type': r.body.type } : {},
      });
      const text = await res.text();
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      if (res.status >= 500) problems.push(`${res.status} ${r.path} ${text.slice(0, 200)}`);
      else if (
        res.status >= 400 &&
        !(res.headers.get('content-type') ?? '').startsWith('application/problem+json')
      )
        problems.push(`not problem+json: ${res.status}`);
    }
    expect(problems.slice(0, 5)).toEqual([]);
    for (const status of [201, 400, 415, 422])
      expect(statuses.get(status), `${status} in ${JSON.stringify([...statuses])}`).toBeGreaterThan(
        0,
      );
    expect(
      sql(
        "SELECT count(*) AS n FROM e_lead WHERE name IS NULL OR name = '' OR phone IS NULL OR phone NOT LIKE '+%'",
      ),
    ).toEqual([{ n: 0 }]);
    expect(sql('SELECT count(DISTINCT record_id) AS n FROM record_history')).toEqual(
      sql('SELECT count(*) AS n FROM e_lead'),
    );
  }, 60_000);
});
