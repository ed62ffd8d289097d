import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createAdmin,
  ensureDataDir,
  installSpec,
  openRuntime,
  openServingRuntime,
  type ServingRuntime,
} from '../src/index';
import { ORIGIN, cookieOf } from './http-harness';
import { educationSpec } from './stack';

const TEMPLATES = join(import.meta.dirname, '../../../templates');
/** The repo's b2b-sales version (the one installed below). */
const b2bVersion = (
  JSON.parse(readFileSync(join(TEMPLATES, 'b2b-sales', 'template.json'), 'utf8')) as {
    version: string;
  }
).version;
let dir = '';
let rt: ServingRuntime | undefined;
afterEach(async () => {
  await rt?.close();
  rmSync(dir, { recursive: true, force: true });
  rt = undefined;
});

describe('the template gallery under trellis start (read-only HTTP thread, one writer)', () => {
  it('installs a template in the writer and serves the new spec at once', async () => {
    dir = mkdtempSync(join(tmpdir(), 'templates-served-'));
    const paths = ensureDataDir(dir);
    const setup = await openRuntime(paths);
    expect((await installSpec(setup.store, educationSpec())).ok).toBe(true);
    const admin = await createAdmin(setup.store, 'admin', 'pass-word-12');
    await setup.close();
    rt = await openServingRuntime(paths, {
      server: { log: () => {}, templateDirs: [TEMPLATES] },
      tickMs: 60_000,
    });
    // Reads are answered before the writer thread has loaded; this test is about writes.
    await rt.writer.ready;
    const app = rt.app;
    let cookie = '';
    const request = (path: string, json?: unknown) =>
      app.request(`${ORIGIN}${path}`, {
        method: json === undefined ? 'GET' : 'POST',
        headers: {
          origin: ORIGIN,
          ...(cookie ? { cookie } : {}),
          ...(json !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
      });
    const login = await request('/api/v1/auth/login', {
      login: admin.login,
      password: admin.password,
    });
    expect(login.status).toBe(200);
    cookie = cookieOf(login);

    const applied = await request('/api/v1/templates/b2b-sales/apply', { chooseAll: 'ours' });
    expect(applied.status).toBe(201);
    const live = (await (await request('/api/v1/spec')).json()) as {
      spec: { entities: { key: string }[] };
    };
    expect(live.spec.entities.map((e) => e.key)).toEqual(
      expect.arrayContaining(['lead', 'customer', 'deal']),
    );
    const list = (await (await request('/api/v1/templates')).json()) as {
      items: { name: string; installed: string | null }[];
    };
    expect(list.items.find((t) => t.name === 'b2b-sales')?.installed).toBe(b2bVersion);
    // A served runtime and a template install in its writer: 16.0 s of the default 30 in a run of
    // the server's suite at load 13 (session 22); the whole suite's run stretches a test 4-6×.
  }, 120_000);
});
