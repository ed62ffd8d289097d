import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppSpec } from '@trellis/spec';
import type { Store } from '@trellis/store';
import { wireEngine } from '../src/setup/wire-engine';
import { createApp } from '../src/app';
import type { ServerOptions } from '../src/context';
import { hashPassword } from '../src/auth/password';
import { ORIGIN, cookieOf } from './http-harness';
import { testStore } from './test-store';

const TEMPLATE = join(dirname(fileURLToPath(import.meta.url)), '../../../templates/education');

/** The education template's spec, its files merged (arrays concatenated) like the CLI bundles it. */
export function educationSpec(): AppSpec {
  const manifest = JSON.parse(readFileSync(join(TEMPLATE, 'template.json'), 'utf8')) as {
    spec: string[];
  };
  const spec: Record<string, unknown> = {};
  for (const file of manifest.spec) {
    const part = JSON.parse(readFileSync(join(TEMPLATE, file), 'utf8')) as Record<string, unknown>;
    for (const [key, value] of Object.entries(part)) {
      if (key === '$schema' || key === '$comment') continue;
      const prev = spec[key];
      spec[key] = Array.isArray(prev) && Array.isArray(value) ? [...prev, ...value] : value;
    }
  }
  return spec as AppSpec;
}

const hashCache = new Map<string, Promise<string>>();

/** Stores of stacks made and not closed yet: close-stacks.ts (a setup file) closes them after each file. */
const openStores = new Set<Store>();

/**
 * Closes every store a fullStack() made and the test did not close. A store left open kept its
 * scratch SQLite file until the worker ended, and on PostgreSQL its connections and its database.
 */
export async function closeOpenStacks(): Promise<void> {
  const stores = [...openStores];
  openStores.clear();
  await Promise.all(stores.map((s) => s.close()));
}

/**
 * The whole stack over an in-memory database: the education template published through the
 * store's publish path, the engine (its role model follows the live spec), and the app.
 * `edit` adjusts the template spec before it is published (say a form's intake mode).
 */
export async function fullStack(
  options: Partial<ServerOptions> = {},
  edit: (spec: AppSpec) => AppSpec = (spec) => spec,
  publish: { outboundAllow?: string } = {},
) {
  const opened = await testStore();
  const close = opened.close.bind(opened);
  const store = Object.assign(opened, {
    close: async () => {
      openStores.delete(store);
      await close();
    },
  });
  openStores.add(store);
  const published = await store.specs.publish({
    spec: edit(educationSpec()),
    now: Date.now(),
    ...publish,
  });
  if (!published.ok)
    throw new Error(
      `education spec did not publish: ${JSON.stringify(published.errors.slice(0, 3))}`,
    );
  // A test clock drives the engine too (times it stores) and the server's own `now`.
  const engine = wireEngine(store, options.clock ? { clock: options.clock } : {});
  const app = createApp({
    engine,
    store,
    log: () => {},
    limits: { intakePerMinute: 0 },
    ...options,
  });
  const request = (path: string, init: RequestInit & { json?: unknown; cookie?: string } = {}) => {
    const headers = new Headers(init.headers);
    let body = init.body;
    if (init.json !== undefined) {
      headers.set('content-type', 'application/json');
      body = JSON.stringify(init.json);
    }
    if (init.cookie) {
      headers.set('cookie', init.cookie);
      if (!headers.has('origin')) headers.set('origin', ORIGIN);
    }
    return app.request(`${ORIGIN}${path}`, { ...init, headers, body });
  };
  /** Creates a user with a role and teams and returns a signed-in cookie. */
  const signIn = async (
    login: string,
    role: string,
    teams: string[] = [],
    supervisorId: string | null = null,
  ) => {
    let hash = hashCache.get('pw');
    if (!hash) hashCache.set('pw', (hash = hashPassword('pass-word-1')));
    const id = await app.ctx.users.insert(
      { login, passwordHash: await hash, role, teams, supervisorId },
      Date.now(),
    );
    const res = await request('/api/v1/auth/login', {
      method: 'POST',
      json: { login, password: 'pass-word-1' },
    });
    if (res.status !== 200) throw new Error(`login failed: ${await res.text()}`);
    return { id, cookie: cookieOf(res) };
  };
  return { store, engine, app, request, signIn, spec: published.spec };
}
