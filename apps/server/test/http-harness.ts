import { markSpecChanged, openDatabase } from '@trellis/store';
import type { StoreDb } from '@trellis/store';
import { createApp } from '../src/app';
import { createEngine } from '@trellis/engine';
import type { ServerOptions } from '../src/context';
import { hashPassword } from '../src/auth/password';

export const ORIGIN = 'http://localhost';

/**
 * A fresh in-memory database and app; `request` defaults to a same-origin JSON call. The engine
 * is real (its role model answers the permission questions) over whatever spec the test stores.
 */
export function httpHarness(options: Partial<ServerOptions> = {}) {
  const db: StoreDb = options.db ?? openDatabase(':memory:');
  const app = createApp({ engine: createEngine({ db }), db, log: () => {}, ...options });
  const request = (path: string, init: RequestInit & { json?: unknown } = {}) => {
    const headers = new Headers(init.headers);
    let body = init.body;
    if (init.json !== undefined) {
      headers.set('content-type', 'application/json');
      body = JSON.stringify(init.json);
    }
    return app.request(`${ORIGIN}${path}`, { ...init, headers, body });
  };
  return { db, app, request };
}

/** Inserts a user directly (bypassing the API) and returns its id. */
export async function addUser(
  db: StoreDb,
  app: ReturnType<typeof createApp>,
  login: string,
  password: string,
  role: string,
  teams: string[] = [],
): Promise<string> {
  for (const team of teams)
    app.ctx.users.upsertTeam({ key: team, label: { 'zh-CN': team, en: team } });
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

/** Stores a spec as the live version without entity tables (enough for role lookups). */
export function setLiveSpec(db: StoreDb, spec: unknown): void {
  const next =
    ((
      db.sqlite.prepare('SELECT max(version) AS v FROM spec_versions').get() as { v: number | null }
    ).v ?? 0) + 1;
  db.sqlite
    .prepare('INSERT INTO spec_versions (version, spec, published_at) VALUES (?, ?, ?)')
    .run(next, JSON.stringify(spec), Date.now());
  markSpecChanged();
}
