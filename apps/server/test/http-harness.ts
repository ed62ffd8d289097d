import type { Store } from '@trellis/store';
import { createApp } from '../src/app';
import { wireEngine } from '../src/setup/wire-engine';
import type { ServerOptions } from '../src/context';
import { hashPassword } from '../src/auth/password';
import { testStore } from './test-store';

export const ORIGIN = 'http://localhost';

/**
 * A fresh store (in-memory SQLite, or PostgreSQL with TRELLIS_TEST_STORE=pg) and app; `request` defaults to a same-origin JSON call. The engine is
 * real (its role model answers the permission questions) over whatever spec the test stores.
 */
export async function httpHarness(options: Partial<ServerOptions> = {}) {
  const store: Store = options.store ?? (await testStore());
  const app = createApp({ engine: wireEngine(store), store, log: () => {}, ...options });
  const request = (path: string, init: RequestInit & { json?: unknown } = {}) => {
    const headers = new Headers(init.headers);
    let body = init.body;
    if (init.json !== undefined) {
      headers.set('content-type', 'application/json');
      body = JSON.stringify(init.json);
    }
    return app.request(`${ORIGIN}${path}`, { ...init, headers, body });
  };
  return { store, app, request };
}

/** Inserts a user directly (bypassing the API) and returns its id. */
export async function addUser(
  app: ReturnType<typeof createApp>,
  login: string,
  password: string,
  role: string,
  teams: string[] = [],
): Promise<string> {
  for (const team of teams)
    await app.ctx.users.upsertTeam({ key: team, label: { 'zh-CN': team, en: team } });
  return app.ctx.users.insert(
    { login, passwordHash: await hashPassword(password), role, teams },
    Date.now(),
  );
}

/** The `name=value` of a Set-Cookie header, for sending it back. */
export function cookieOf(res: Response): string {
  const set = res.headers.get('set-cookie') ?? '';
  return set.split(';')[0] ?? '';
}

/** Publishes a small spec (one entity unless given) with `spec`'s parts as the live version. */
export async function setLiveSpec(store: Store, spec: Record<string, unknown>): Promise<void> {
  const published = await store.specs.publish({
    spec: {
      specVersion: 1,
      name: { 'zh-CN': '测试', en: 'Test' },
      locales: ['zh-CN', 'en'],
      defaultLocale: 'zh-CN',
      entities: [
        {
          key: 'note',
          label: { 'zh-CN': '便签', en: 'Note' },
          titleField: 'title',
          fields: [{ key: 'title', type: 'text', label: { 'zh-CN': '标题', en: 'Title' } }],
        },
      ],
      ...spec,
    },
  });
  if (!published.ok) throw new Error(JSON.stringify(published.errors.slice(0, 3)));
}
