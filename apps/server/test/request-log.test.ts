import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/setup/logger';
import { addUser, cookieOf, httpHarness } from './http-harness';
import { rows } from './rows';
import { fullStack } from './stack';

/** A logger whose lines land in an array (JSON) or a string (pretty). */
async function capture(format: 'json' | 'pretty', level: 'info' | 'debug' = 'info') {
  let text = '';
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString('utf8');
      done();
    },
  });
  const logger = await createLogger({ level, format, destination });
  const lines = () =>
    text
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { logger, text: () => text, lines };
}

describe('request log', () => {
  it('logs method, path, status, duration, request id and user id — never passwords, tokens or query strings', async () => {
    const log = await capture('json');
    const { app, request } = await httpHarness({ logger: log.logger });
    const userId = await addUser(app, 'li', 'pass-word-1', 'sales', ['tech']);
    const login = await request('/api/v1/auth/login', {
      method: 'POST',
      json: { login: 'li', password: 'pass-word-1' },
    });
    expect(login.status).toBe(200);
    const generated = login.headers.get('x-request-id');
    expect(generated).toMatch(/^[0-9a-f-]{36}$/);
    const cookie = cookieOf(login);
    const me = await request('/api/v1/me?access_token=query-secret', {
      headers: { cookie, 'x-request-id': 'trace-42' },
    });
    expect(me.status).toBe(200);
    // A caller's id is kept when it is a plain token; anything else gets a fresh one.
    expect(me.headers.get('x-request-id')).toBe('trace-42');
    const odd = await request('/api/v1/me', { headers: { 'x-request-id': 'bad id\u0001' } });
    expect(odd.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);

    const lines = log.lines();
    expect(lines.find((l) => l.reqId === generated)).toMatchObject({
      msg: 'request',
      method: 'POST',
      path: '/api/v1/auth/login',
      status: 200,
      userId: null,
    });
    const meLine = lines.find((l) => l.reqId === 'trace-42');
    expect(meLine).toMatchObject({ method: 'GET', path: '/api/v1/me', status: 200, userId });
    expect(typeof meLine?.durationMs).toBe('number');
    const all = log.text();
    for (const secret of ['pass-word-1', 'query-secret', cookie.split('=')[1] ?? 'x'])
      expect(all).not.toContain(secret);
  });

  it('logs an unexpected error with its request id, and secrets in a logged object are redacted', async () => {
    const log = await capture('json');
    const { app, request } = await httpHarness({ logger: log.logger, log: undefined });
    app.ctx.log({ level: 'warn', msg: 'careless', password: 'hunter2', detail: { token: 't0k' } });
    app.get('/api/v1/boom', () => {
      throw new Error('kaputt');
    });
    const res = await request('/api/v1/boom', { headers: { 'x-request-id': 'boom-1' } });
    expect(res.status).toBe(500);
    const lines = log.lines();
    const error = lines.find((l) => l.msg === 'request failed');
    expect(error).toMatchObject({ level: 50, reqId: 'boom-1', path: '/api/v1/boom' });
    expect(String(error?.error)).toContain('kaputt');
    expect(lines.find((l) => l.reqId === 'boom-1' && l.msg === 'request')).toMatchObject({
      status: 500,
    });
    expect(log.text()).not.toContain('hunter2');
    expect(log.text()).not.toContain('t0k');
  });

  it('logs an answered public intake submission at debug and a refused one at info: each answered one is in the intake log', async () => {
    const submit = (s: Awaited<ReturnType<typeof fullStack>>, id: string, phone: string) =>
      s.request('/f/apply', {
        method: 'POST',
        json: { name: '张三', phone, course: 'python' },
        headers: { 'x-request-id': id },
      });
    const info = await capture('json');
    const s = await fullStack({ logger: info.logger });
    expect((await submit(s, 'form-ok', '138 0013 8000')).status).toBe(201);
    expect((await submit(s, 'form-bad', '12')).status).toBe(422);
    const page = await s.request('/f/apply', { headers: { 'x-request-id': 'form-page' } });
    expect(info.lines().map((l) => [l.reqId, l.status])).toEqual([
      ['form-bad', 422],
      ['form-page', page.status],
    ]);
    // The answered one is in the intake log, which is where an operator finds it.
    expect(await rows(s.store, 'intake_log')).toEqual(
      expect.arrayContaining([expect.objectContaining({ status: 'accepted', http_status: 201 })]),
    );

    const debug = await capture('json', 'debug');
    const d = await fullStack({ logger: debug.logger });
    expect((await submit(d, 'form-ok', '138 0013 8001')).status).toBe(201);
    expect(debug.lines().find((l) => l.reqId === 'form-ok')).toMatchObject({
      level: 20,
      msg: 'request',
      method: 'POST',
      path: '/f/apply',
      status: 201,
    });
  });

  it('prints readable lines with --log-format pretty', async () => {
    const log = await capture('pretty');
    const { request } = await httpHarness({ logger: log.logger });
    await request('/api/v1/me', { headers: { 'x-request-id': 'pretty-1' } });
    expect(log.text()).toMatch(/INFO.*request/);
    expect(log.text()).toContain('pretty-1');
    expect(log.text()).not.toMatch(/^\{/);
  });
});
