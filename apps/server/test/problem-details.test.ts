import { describe, expect, it } from 'vitest';
import { SECURITY_HEADERS } from '../src/http/security-headers';
import { listen } from '../src/index';
import { httpHarness } from './http-harness';

async function problemOf(res: Response) {
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  return (await res.json()) as {
    status: number;
    code: string;
    detail: string;
    errors: { path: string; code: string; message: string }[];
  };
}

describe('problem details', () => {
  it('answers an unknown route with a 404 problem, in Chinese by default and English on request', async () => {
    const { request } = await httpHarness();
    const zh = await problemOf(await request('/api/v1/nothing'));
    expect(zh).toMatchObject({
      status: 404,
      code: 'route_not_found',
      detail: '没有这个接口：/api/v1/nothing',
    });
    const en = await problemOf(
      await request('/api/v1/nothing', { headers: { 'accept-language': 'en-US,en;q=0.9' } }),
    );
    expect(en.detail).toBe('No such endpoint: /api/v1/nothing');
  });

  it('answers a wrong method with 405, an Allow header and a problem body', async () => {
    const { request } = await httpHarness();
    const res = await request('/api/v1/auth/login', { method: 'DELETE' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toContain('POST');
    expect((await problemOf(res)).code).toBe('method_not_allowed');
  });

  it('refuses malformed JSON, invalid UTF-8, deep nesting and a wrong content type', async () => {
    const { request } = await httpHarness();
    const post = (body: string | Uint8Array, type = 'application/json') =>
      request('/api/v1/auth/login', { method: 'POST', body, headers: { 'content-type': type } });
    expect(await problemOf(await post('{"login": '))).toMatchObject({
      status: 400,
      code: 'invalid_json',
    });
    expect(await problemOf(await post(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])))).toMatchObject({
      status: 400,
      code: 'invalid_encoding',
    });
    expect(await problemOf(await post('['.repeat(100) + ']'.repeat(100)))).toMatchObject({
      status: 400,
      code: 'too_deep',
    });
    expect(await problemOf(await post('[1]'))).toMatchObject({ status: 400, code: 'invalid_body' });
    expect(await problemOf(await post('login=a', 'text/plain'))).toMatchObject({
      status: 415,
      code: 'unsupported_media_type',
    });
  });

  it('refuses a body over the limit with 413', async () => {
    const { request } = await httpHarness({ limits: { bodyBytes: 1000 } });
    const res = await request('/api/v1/auth/login', {
      method: 'POST',
      json: { login: 'x'.repeat(2000), password: 'y' },
    });
    expect(await problemOf(res)).toMatchObject({ status: 413, code: 'body_too_large' });
  });

  it('lists field errors with JSON pointers and localized messages', async () => {
    const { request } = await httpHarness();
    const res = await request('/api/v1/auth/login', {
      method: 'POST',
      json: { password: 'x' },
      headers: { 'accept-language': 'en' },
    });
    const body = await problemOf(res);
    expect(body.status).toBe(422);
    expect(body.errors).toEqual([{ path: '/login', code: 'required', message: 'Required.' }]);
  });

  it('answers a 20,000-character query string with 431 and a problem+json body (issue 11 item 10)', async () => {
    const { app } = await httpHarness();
    const server = await listen(app, { port: 0, hostname: '127.0.0.1' });
    try {
      const res = await fetch(`${server.url}/api/v1/records/lead?q=${'x'.repeat(20_000)}`);
      expect(res.status).toBe(431);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(await res.json()).toMatchObject({ status: 431, code: 'header_too_large' });
    } finally {
      await server.close();
    }
  });

  it('sets secure headers on every answer of a listening server: success, problem, unknown route', async () => {
    const { app } = await httpHarness();
    const server = await listen(app, { port: 0, hostname: '127.0.0.1' });
    try {
      for (const [path, init] of [
        ['/api/v1/setup', {}],
        ['/api/v1/nothing', {}],
        ['/f/no-such-form', { method: 'POST', body: '{}' }],
      ] as const) {
        const res = await fetch(`${server.url}${path}`, init);
        await res.arrayBuffer();
        for (const [name, value] of SECURITY_HEADERS)
          expect(res.headers.get(name), `${path} ${name}`).toBe(value);
        expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
        expect(res.headers.get('x-request-id'), path).toMatch(/^[0-9a-f-]{36}$/);
      }
      // Once per answer, the caller's own id kept (set on the Node response, not by Hono).
      const traced = await fetch(`${server.url}/api/v1/setup`, {
        headers: { 'x-request-id': 'trace-42' },
      });
      await traced.arrayBuffer();
      expect(traced.headers.get('x-request-id')).toBe('trace-42');
      const withType = await fetch(`${server.url}/api/v1/openapi.json`);
      expect(withType.headers.get('content-type')).toMatch(/json/);
      expect(withType.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      await withType.arrayBuffer();
    } finally {
      await server.close();
    }
  });
});
