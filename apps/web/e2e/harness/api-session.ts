import type { DemoLogin } from './trellis';

/**
 * A demo user's API session from Node, beside the browser: what another person does while the
 * page under test stays open (the browser profile holds one session only).
 */
export async function apiSession(server: { url: string; logins: DemoLogin[] }, login: string) {
  const who = server.logins.find((l) => l.login === login);
  if (!who) throw new Error(`no demo login ${login}`);
  const res = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: server.url },
    body: JSON.stringify({ login: who.login, password: who.password }),
  });
  if (!res.ok) throw new Error(`login ${login}: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  return async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const r = await fetch(`${server.url}${path}`, {
      method,
      headers: { cookie, origin: server.url, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${text}`);
    // A deletion answers 204 with no body.
    return (text ? JSON.parse(text) : undefined) as T;
  };
}
