import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { httpHarness } from './http-harness';

const dir = mkdtempSync(join(tmpdir(), 'trellis-web-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('static web build', () => {
  it('serves files and falls back to index.html for app routes, never for the API', async () => {
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Trellis</title>');
    writeFileSync(join(dir, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(dir, 'favicon.svg'), '<svg/>');
    const { request } = await httpHarness({ staticDir: dir });
    const js = await request('/assets/app.js');
    expect(js.status).toBe(200);
    expect(await js.text()).toBe('console.log(1)');
    for (const path of ['/', '/leads/123']) {
      const res = await request(path);
      expect(res.status, path).toBe(200);
      expect(await res.text()).toContain('<title>Trellis</title>');
    }
    const missing = await request('/assets/app-old.js');
    expect(missing.status).toBe(404);
    expect(await missing.text()).not.toContain('<title>');
    const api = await request('/api/v1/nothing');
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toMatch(/problem\+json/);
  });

  it('lets a browser keep the hashed assets for good, and asks it to check index.html each time', async () => {
    const { request } = await httpHarness({ staticDir: dir });
    const js = await request('/assets/app.js');
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    for (const path of ['/', '/index.html', '/records/lead', '/favicon.svg']) {
      const res = await request(path);
      expect(res.headers.get('cache-control'), path).toBe('no-cache');
    }
    expect((await request('/api/v1/nothing')).headers.get('cache-control') ?? '').not.toMatch(
      /immutable/,
    );
  });

  it('serves nothing extra without a build', async () => {
    const { request } = await httpHarness({ staticDir: join(dir, 'missing') });
    expect((await request('/leads')).status).toBe(404);
  });
});
