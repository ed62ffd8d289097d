import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '@trellis/store';

const BIN = join(dirname(fileURLToPath(import.meta.url)), '../../dist/main.js');
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('trellis start', () => {
  it('refuses an uninitialised data directory, serves after init, and stops gracefully on SIGTERM', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'trellis-start-'));
    dirs.push(cwd);
    const env = { ...process.env, TRELLIS_LOCALE: 'en', INIT_CWD: cwd };
    const run = (args: string[], extraEnv: Record<string, string> = {}) => {
      const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...env, ...extraEnv } });
      let out = '';
      child.stdout.on('data', (b: Buffer) => (out += b.toString()));
      child.stderr.on('data', (b: Buffer) => (out += b.toString()));
      const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
      return { child, output: () => out, exited };
    };
    const refused = run(['start', '--data', 'd', '--port', '0']);
    expect(await refused.exited).toBe(1);
    expect(refused.output()).toMatch(/not initialised/);

    expect(await run(['init', '--data', 'd']).exited).toBe(0);
    // Email settings are checked before anything starts: a half-set SMTP never fails silently later.
    const badMail = run(['start', '--data', 'd', '--port', '0'], {
      TRELLIS_SMTP_URL: 'smtp://mail.example.com',
    });
    expect(await badMail.exited).toBe(2);
    expect(badMail.output()).toMatch(/Invalid email settings: TRELLIS_SMTP_FROM/);
    const server = run(['start', '--data', 'd', '--port', '0', '--host', '127.0.0.1']);
    const started = Date.now();
    while (!/running at (http:\/\/\S+)/.test(server.output()) && Date.now() - started < 30_000)
      await new Promise((r) => setTimeout(r, 50));
    const url = /running at (http:\/\/\S+)/.exec(server.output())?.[1];
    expect(url).toBeTruthy();
    const doc = await fetch(`${url}/api/v1/openapi.json`);
    expect(doc.status).toBe(200);
    expect(((await doc.json()) as { openapi: string }).openapi).toBe('3.1.0');
    // The request log: one JSON line per request on stderr, with the id answered to the caller.
    const requestLine = () =>
      server
        .output()
        .split('\n')
        .find((line) => line.startsWith('{') && line.includes('"/api/v1/openapi.json"'));
    const logStart = Date.now();
    while (!requestLine() && Date.now() - logStart < 5000)
      await new Promise((r) => setTimeout(r, 50));
    expect(JSON.parse(requestLine() ?? '{}')).toMatchObject({
      msg: 'request',
      method: 'GET',
      status: 200,
      reqId: doc.headers.get('x-request-id'),
    });
    // China's divisions: read from the file next to the bundle at the first lookup.
    const zhejiang = await fetch(`${url}/f/apply/regions/330000`);
    expect(zhejiang.status).toBe(200);
    expect(await zhejiang.json()).toContainEqual(
      expect.objectContaining({ code: '330100', name: '杭州市' }),
    );
    // Written before the writer thread has necessarily loaded (it starts after listening).
    const form = await fetch(`${url}/f/apply`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: '启动', phone: '13800138000' }),
    });
    expect(form.status).toBe(201);
    // The automation thread picks the submission up through its own connection.
    const store = await openStore({ url: join(cwd, 'd', 'trellis.db'), readOnly: true });
    const runs = async () =>
      (await store.tables.rows('automation_runs')).filter(
        (r) => r.trigger_type === 'record.created',
      ).length;
    const waitStart = Date.now();
    while ((await runs()) === 0 && Date.now() - waitStart < 20_000)
      await new Promise((r) => setTimeout(r, 100));
    expect(await runs()).toBeGreaterThan(0);
    await store.close();
    server.child.kill('SIGTERM');
    const code = await server.exited;
    expect(code, server.output()).toBe(0);
    expect(server.output()).toMatch(/Stopping/);
  }, 90_000);
});
