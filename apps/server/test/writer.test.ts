import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { hashPassword } from '../src/auth/password';
import {
  ensureDataDir,
  installSpec,
  openRuntime,
  openServingRuntime,
  startWriter,
  writerYoungGenerationMb,
  type ServingRuntime,
} from '../src/index';
import { ORIGIN, cookieOf } from './http-harness';
import { body } from './fuzz-inputs';
import { count, pick, rows } from './rows';
import { educationSpec } from './stack';

let dir = '';
let rt: ServingRuntime | undefined;
afterEach(async () => {
  await rt?.close();
  rmSync(dir, { recursive: true, force: true });
  rt = undefined;
});

/**
 * A data directory served like `trellis start`: this thread reads over a read-only connection,
 * every write (intake, API, automations) runs in the writer thread.
 */
async function served(readsBeforeWriter?: Promise<unknown>) {
  dir = mkdtempSync(join(tmpdir(), 'writer-'));
  const paths = ensureDataDir(dir);
  const setup = await openRuntime(paths);
  const installed = await installSpec(setup.store, educationSpec());
  await setup.close();
  if (!installed.ok) throw new Error('education spec did not install');
  rt = await openServingRuntime(paths, {
    server: { limits: { intakePerMinute: 0 }, log: () => {} },
    tickMs: 60_000,
    ...(readsBeforeWriter ? { readsBeforeWriter } : {}),
  });
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
  return { rt, request, store: rt.store };
}

describe('writes made by the writer thread', () => {
  it('writes, merges, replays and refuses exactly like the HTTP thread would', async () => {
    const { request, store } = await served();
    // This thread's store cannot write: whatever is stored came through the writer.
    await expect(store.transaction(() => Promise.resolve(1))).rejects.toThrow(/writer/);
    // Written through the writer's own connection: this thread's connection sees it after the answer.
    const first = await request('/f/apply?utm_source=douyin', {
      method: 'POST',
      json: { name: '张三', phone: '138 0013 8000', course: 'python' },
      headers: { 'idempotency-key': 'k-1' },
    });
    expect(first.status).toBe(201);
    const body = await first.json();
    expect(body).toMatchObject({ ok: true });
    expect(pick(await rows(store, 'e_lead'), ['name', 'phone'])).toEqual([
      { name: '张三', phone: '+8613800138000' },
    ]);

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
    const [lead] = await rows(store, 'e_lead');
    expect(await count(store, 'e_lead')).toBe(1);
    expect(await count(store, 'touches', { record_id: lead!.id })).toBe(2);
    expect(await count(store, 'activities', { record_id: lead!.id })).toBe(1);
    expect(await count(store, 'outbox', { type: 'form.submitted' })).toBe(2);

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
    expect(await count(store, 'e_lead')).toBe(1);
    const log = (await rows(store, 'intake_log')).sort((a, b) => Number(a.at) - Number(b.at));
    expect(pick(log, ['status', 'http_status'])).toEqual([
      { status: 'accepted', http_status: 201 },
      { status: 'merged', http_status: 201 },
      { status: 'rejected', http_status: 422 },
    ]);
  });

  it('writes posted together start together and still see each other: pairs merge, a bad one fails alone', async () => {
    const { request, store } = await served();
    // Sent at once, these reach the writer in one or a few messages and commit in shared groups.
    const phone = (i: number) => `+86 139 0000 ${String(1000 + i)}`;
    const sends = Array.from({ length: 12 }, (_, i) => [
      request('/f/apply', { method: 'POST', json: { name: `学员${i}`, phone: phone(i) } }),
      request('/f/dy', { method: 'POST', json: { name: `学员${i}`, phone: phone(i) } }),
    ]).flat();
    sends.splice(7, 0, request('/f/apply', { method: 'POST', json: { name: 'x', phone: '12' } }));
    const statuses = (await Promise.all(sends)).map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(24);
    expect(statuses[7]).toBe(422);
    // Each prospect once: the second submission found the first, written in the same group or before.
    expect(await count(store, 'e_lead')).toBe(12);
    expect(await count(store, 'activities')).toBe(12);
    expect(await count(store, 'touches')).toBe(24);
  });

  it('answers a webhook with the record id and whether it merged', async () => {
    const { rt, request, store } = await served();
    const id = await rt.app.ctx.users.insert(
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
    const [lead] = await rows(store, 'e_lead');
    expect(await res.json()).toEqual({ ok: true, id: lead!.id, status: 'accepted' });
    const again = await request('/hooks/douyin', {
      method: 'POST',
      json: payload,
      headers: { 'x-trellis-token': 'token-token-token-1' },
    });
    expect(await again.json()).toEqual({ ok: true, id: lead!.id, status: 'merged' });
  });

  it('knows a form published a moment ago, and answers 503 (retry) while the writer is gone', async () => {
    const { rt, request, store } = await served();
    // Warm the writer's engine on the current version first, so the next publish is news to it.
    expect(
      (await request('/f/apply', { method: 'POST', json: { name: '甲', phone: '13700137000' } }))
        .status,
    ).toBe(201);
    // A new field on a new form: the writer's engine must run the new version, not refuse the field.
    // The publish runs in the writer; both threads' engines run the new version at once.
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
    const published = await store.specs.publish({ spec, now: Date.now() });
    expect(published.ok).toBe(true);
    const summer = await request('/f/summer', {
      method: 'POST',
      json: { name: '乙', phone: '13700137001', referrerName: '王老师' },
    });
    expect(summer.status).toBe(201);
    const touches = (await rows(store, 'touches')).sort((a, b) => Number(a.at) - Number(b.at));
    expect(touches.map((r) => r.source_key)).toEqual(['trial-apply', 'summer-apply']);
    expect(pick(await rows(store, 'e_lead', { name: '乙' }), ['referrerName'])).toEqual([
      { referrerName: '王老师' },
    ]);

    // Without a writer nothing is written and the caller is told to retry, not a 500.
    await rt.writer.stop();
    const refused = await request('/f/apply', {
      method: 'POST',
      json: { name: '丙', phone: '13700137002' },
    });
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(await count(store, 'e_lead')).toBe(2);
  });
  it('answers reads before the writer starts; a write made meanwhile waits for it, then commits', async () => {
    let listening = () => undefined as void;
    const { request, store } = await served(new Promise<void>((r) => (listening = r)));
    expect((await request('/api/v1/openapi.json')).status).toBe(200);
    let answered = false;
    const submitted = Promise.resolve(
      request('/f/apply', { method: 'POST', json: { name: '候', phone: '13700137009' } }),
    ).finally(() => (answered = true));
    await new Promise((r) => setTimeout(r, 300));
    expect(answered).toBe(false);
    expect(await count(store, 'e_lead')).toBe(0);
    // `trellis start` lets the writer load once it listens.
    listening();
    expect((await submitted).status).toBe(201);
    expect(pick(await rows(store, 'e_lead'), ['name'])).toEqual([{ name: '候' }]);
  }, 90_000);
  it.runIf(existsSync('/proc/thread-self/comm'))(
    'names its writer thread for the operating system, so top -H tells it from the others',
    async () => {
      const { request } = await served();
      const submitted = await request('/f/apply', {
        method: 'POST',
        json: { name: '名', phone: '13700137010' },
      });
      expect(submitted.status).toBe(201);
      const names = readdirSync('/proc/self/task').map((tid) =>
        readFileSync(`/proc/self/task/${tid}/comm`, 'utf8').trim(),
      );
      expect(names).toContain('trellis-writer');
    },
    90_000,
  );
  it("writes with V8's young generation unless TRELLIS_WRITER_YOUNG_MB names one", async () => {
    await served();
    const youngOf = async (thread: string) =>
      (await rt!.memory()).threads.find((t) => t.thread === thread)?.youngGenerationMiB;
    expect(await youngOf('writer')).toBe(48);
    expect(await youngOf('http')).toBeUndefined();
    const paths = rt!.paths;
    await rt!.close();
    rt = await openServingRuntime(paths, {
      server: { log: () => {} },
      writerYoungGenerationMb: writerYoungGenerationMb({ TRELLIS_WRITER_YOUNG_MB: '96' }),
    });
    expect(await youngOf('writer')).toBe(96);
    // 12: semi-spaces of 4 MiB, as the HTTP thread's (apps/cli/bin/trellis.mjs).
    expect(writerYoungGenerationMb({ TRELLIS_WRITER_YOUNG_MB: '12' })).toBe(12);
    // Unset, not a whole number or out of range: none (V8's default).
    for (const value of [undefined, '', 'big', '64.5', '7', '4096'])
      expect(writerYoungGenerationMb({ TRELLIS_WRITER_YOUNG_MB: value })).toBeUndefined();
  }, 90_000);
  it('a writer that cannot start is logged, refuses writes after a while and stops at once', async () => {
    dir = mkdtempSync(join(tmpdir(), 'writer-'));
    const logged: Record<string, unknown>[] = [];
    // A directory where the database file should be: the thread fails to open it.
    const started = performance.now();
    const broken = startWriter(dir, { log: (e) => logged.push(e), waitMs: 100 });
    // The thread boots through the TypeScript loader before it fails: seconds on a busy machine.
    for (let i = 0; i < 1500 && logged.length === 0; i++)
      await new Promise((r) => setTimeout(r, 20));
    const crashMs = performance.now() - started;
    expect(logged[0]).toMatchObject({ level: 'error', msg: 'writer crashed' });
    await expect(
      broken.port({ target: 'store', method: 'users.setStatus', args: ['u', 'active', 0] }),
    ).rejects.toThrow(/not running/);
    // Stopping while it waits to be restarted neither hangs nor starts it again.
    await broken.stop();
    // A restart would come a second after the crash and take as long to fail again.
    await new Promise((r) => setTimeout(r, 1000 + crashMs * 1.5));
    expect(logged).toHaveLength(1);
  }, 90_000);
  it('answers malformed and hostile submissions across the thread with 4xx problems, never 5xx or a partial lead', async () => {
    const { request, store } = await served();
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
    const leads = await rows(store, 'e_lead');
    expect(
      leads.filter((r) => !r.name || typeof r.phone !== 'string' || !r.phone.startsWith('+')),
    ).toEqual([]);
    const history = new Set((await rows(store, 'record_history')).map((r) => r.record_id));
    expect(history.size).toBe(leads.length);
  }, 60_000);
});
