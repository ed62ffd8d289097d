import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hashPassword } from '../src/auth/password';
import type { ServingRuntime } from '../src/index';
import { ORIGIN, cookieOf } from './http-harness';
import { servedAsAdmin } from './served-admin';

let dir = '';
let rt: ServingRuntime | undefined;
afterEach(async () => {
  await rt?.close();
  rmSync(dir, { recursive: true, force: true });
  rt = undefined;
});

/** A sales rep of team `tech` signed in on the served app (created through the writer). */
async function rep(served: ServingRuntime, login: string) {
  await served.app.ctx.users.insert(
    { login, passwordHash: await hashPassword('pass-word-1'), role: 'sales', teams: ['tech'] },
    Date.now(),
  );
  const res = await served.app.request(`${ORIGIN}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: ORIGIN },
    body: JSON.stringify({ login, password: 'pass-word-1' }),
  });
  expect(res.status).toBe(200);
  const cookie = cookieOf(res);
  return (path: string, init: RequestInit & { json?: unknown } = {}) =>
    served.app.request(`${ORIGIN}${path}`, {
      ...init,
      headers: {
        cookie,
        origin: ORIGIN,
        ...(init.json !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: init.json !== undefined ? JSON.stringify(init.json) : null,
    });
}

describe('the count thread of a served SQLite workspace', () => {
  it('answers counts, dashboards and counted lists there, scoped as on the HTTP thread; pages stay here', async () => {
    dir = mkdtempSync(join(tmpdir(), 'count-thread-'));
    const served = await servedAsAdmin(dir);
    rt = served.rt;
    const counts = rt.counts!;
    expect(counts).not.toBeNull();
    // Started after the writer; until it first runs, a read is made on this thread.
    await counts.ready;
    const amy = await rep(rt, 'amy');
    const bob = await rep(rt, 'bob');
    for (const [who, name, phone] of [
      [amy, '阿一', '13800138001'],
      [amy, '阿二', '13800138002'],
      [bob, '阿三', '13800138003'],
    ] as const) {
      const res = await who('/api/v1/records/lead', {
        method: 'POST',
        json: { name, phone, course: 'python' },
      });
      expect(res.status, await res.clone().text()).toBe(201);
    }
    const json = async (res: Response | Promise<Response>) => {
      const r = await res;
      expect(r.status, await r.clone().text()).toBe(200);
      return (await r.json()) as Record<string, unknown>;
    };
    const before = counts.answered();
    // The admin counts every lead, a rep only their own: the thread runs the engine's scope.
    const all = await json(served.request('/api/v1/records/lead/groups'));
    const own = await json(amy('/api/v1/records/lead/groups?by=stage'));
    expect(all.groups).toEqual([{ value: null, count: 3, sums: {} }]);
    expect(own.groups).toEqual([{ value: 'new', count: 2, sums: {} }]);
    const counted = await json(amy('/api/v1/views/all-leads/records?count=1&limit=1'));
    expect(counted.total).toBe(2);
    expect((counted.items as unknown[]).length).toBe(1);
    const dashboards = (await json(served.request('/api/v1/dashboards'))).dashboards as {
      key: string;
    }[];
    const board = await json(served.request(`/api/v1/dashboards/${dashboards[0]!.key}`));
    expect(board.widgets).toBeInstanceOf(Array);
    expect(counts.answered() - before).toBe(4);
    // A page of rows without its count is read on the HTTP thread, as before.
    const page = await json(bob('/api/v1/records/lead?limit=10'));
    expect((page.items as { name: string }[]).map((r) => r.name)).toEqual(['阿三']);
    expect(counts.answered() - before).toBe(4);
    // The thread is one of the process's threads, with its own memory.
    expect((await rt.memory()).threads.map((t) => t.thread)).toContain('counts');
    // A served runtime starts its threads: 16.4 s of the default 30 in a run of the server's
    // suite at load 13 (session 22), and the whole suite's run stretches a test 4-6× more.
  }, 120_000);
});
