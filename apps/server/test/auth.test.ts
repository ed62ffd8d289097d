import { describe, expect, it } from 'vitest';
import { rows } from './rows';
import { ORIGIN, addUser, cookieOf, httpHarness, setLiveSpec } from './http-harness';

describe('first-run setup', () => {
  it('creates the first admin once, signs them in, then refuses', async () => {
    const { request } = await httpHarness();
    expect(await (await request('/api/v1/setup')).json()).toEqual({ needed: true });
    const res = await request('/api/v1/setup', {
      method: 'POST',
      json: { login: 'root', password: 'correct horse' },
    });
    expect(res.status).toBe(201);
    const me = await request('/api/v1/me', { headers: { cookie: cookieOf(res) } });
    expect(((await me.json()) as { user: { login: string; role: string } }).user).toMatchObject({
      login: 'root',
      role: 'admin',
    });
    const again = await request('/api/v1/setup', {
      method: 'POST',
      json: { login: 'evil', password: 'correct horse' },
    });
    expect(again.status).toBe(409);
  });
});

describe('login and sessions', () => {
  it('signs in with the right password and sets an httpOnly SameSite=Lax cookie', async () => {
    const { app, request } = await httpHarness();
    await addUser(app, 'li', 'pass-word-1', 'sales', ['tech']);
    const res = await request('/api/v1/auth/login', {
      method: 'POST',
      json: { login: 'li', password: 'pass-word-1' },
    });
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^trellis_session=/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    expect(cookie).not.toContain('Secure');
    const me = (await (
      await request('/api/v1/me', { headers: { cookie: cookieOf(res) } })
    ).json()) as { user: { login: string; teams: string[] }; via: string };
    expect(me.user).toMatchObject({ login: 'li', teams: ['tech'] });
    expect(me.via).toBe('session');
    expect(JSON.stringify(me)).not.toContain('password');
  });

  it('marks the cookie Secure behind an https proxy', async () => {
    const { app, request } = await httpHarness({ trustProxy: true });
    await addUser(app, 'li', 'pass-word-1', 'sales');
    const res = await request('/api/v1/auth/login', {
      method: 'POST',
      json: { login: 'li', password: 'pass-word-1' },
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(res.headers.get('set-cookie')).toContain('Secure');
  });

  it('refuses a wrong password, an unknown login and a disabled account alike', async () => {
    const { app, request } = await httpHarness();
    const id = await addUser(app, 'li', 'pass-word-1', 'sales');
    const wrong = await request('/api/v1/auth/login', {
      method: 'POST',
      json: { login: 'li', password: 'nope-nope' },
    });
    const unknown = await request('/api/v1/auth/login', {
      method: 'POST',
      json: { login: 'ghost', password: 'nope-nope' },
    });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ code: 'invalid_credentials' });
    expect(await unknown.json()).toMatchObject({ code: 'invalid_credentials' });
    await app.ctx.users.setStatus(id, 'disabled', Date.now());
    const disabled = await request('/api/v1/auth/login', {
      method: 'POST',
      json: { login: 'li', password: 'pass-word-1' },
    });
    // The right password of a disabled account is not confirmed (issue 11 item 9).
    expect(disabled.status).toBe(401);
    expect(await disabled.json()).toMatchObject({ status: 401, code: 'invalid_credentials' });
    const disabledWrong = await request('/api/v1/auth/login', {
      method: 'POST',
      json: { login: 'li', password: 'nope-nope' },
    });
    expect(await disabledWrong.json()).toMatchObject({ status: 401, code: 'invalid_credentials' });
  });

  it('logs out: the session stops working', async () => {
    const { app, request } = await httpHarness();
    await addUser(app, 'li', 'pass-word-1', 'sales');
    const cookie = cookieOf(
      await request('/api/v1/auth/login', {
        method: 'POST',
        json: { login: 'li', password: 'pass-word-1' },
      }),
    );
    const out = await request('/api/v1/auth/logout', {
      method: 'POST',
      headers: { cookie, origin: ORIGIN },
    });
    expect(out.status).toBe(204);
    expect((await request('/api/v1/me', { headers: { cookie } })).status).toBe(401);
  });

  it('rate-limits repeated failed logins per IP and login', async () => {
    const { app, request } = await httpHarness({ limits: { loginAttempts: 3 } });
    await addUser(app, 'li', 'pass-word-1', 'sales');
    const attempt = () =>
      request('/api/v1/auth/login', {
        method: 'POST',
        json: { login: 'li', password: 'bad-bad-bad' },
      });
    for (let i = 0; i < 3; i++) expect((await attempt()).status).toBe(401);
    const limited = await attempt();
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // Even the right password waits until the window passes.
    const right = await request('/api/v1/auth/login', {
      method: 'POST',
      json: { login: 'li', password: 'pass-word-1' },
    });
    expect(right.status).toBe(429);
  });

  it('answers 401 without a session', async () => {
    const { request } = await httpHarness();
    const res = await request('/api/v1/me');
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ code: 'unauthenticated' });
  });
});

describe('CSRF origin check', () => {
  async function signedIn() {
    const h = await httpHarness({ allowedOrigins: ['https://crm.example.com'] });
    await addUser(h.app, 'li', 'pass-word-1', 'admin');
    const cookie = cookieOf(
      await h.request('/api/v1/auth/login', {
        method: 'POST',
        json: { login: 'li', password: 'pass-word-1' },
      }),
    );
    return { ...h, cookie };
  }

  it('refuses a cookie write without Origin or Referer, or from a foreign origin', async () => {
    const { request, cookie } = await signedIn();
    const none = await request('/api/v1/tokens', {
      method: 'POST',
      json: { name: 'x', role: 'admin' },
      headers: { cookie },
    });
    expect(none.status).toBe(403);
    expect(await none.json()).toMatchObject({ code: 'csrf' });
    const foreign = await request('/api/v1/tokens', {
      method: 'POST',
      json: { name: 'x', role: 'admin' },
      headers: { cookie, origin: 'https://evil.example' },
    });
    expect(foreign.status).toBe(403);
  });

  it('accepts the own origin, an allowed origin and a same-origin Referer', async () => {
    const { request, cookie } = await signedIn();
    for (const headers of [
      { origin: ORIGIN },
      { origin: 'https://crm.example.com' },
      { referer: `${ORIGIN}/app/leads` },
    ] as Record<string, string>[]) {
      const res = await request('/api/v1/tokens', {
        method: 'POST',
        json: { name: 'x', role: 'admin' },
        headers: { cookie, ...headers },
      });
      expect(res.status).toBe(201);
    }
  });

  it('refuses a login posted from a foreign page', async () => {
    const { request } = await signedIn();
    const res = await request('/api/v1/auth/login', {
      method: 'POST',
      json: { login: 'li', password: 'pass-word-1' },
      headers: { origin: 'https://evil.example' },
    });
    expect(res.status).toBe(403);
  });
});

describe('API tokens', () => {
  it('issues a token shown once, authenticates with it as its role, and revokes it', async () => {
    const { store, app, request } = await httpHarness();
    await setLiveSpec(store, {
      roles: [{ key: 'sales', label: { 'zh-CN': '销售', en: 'Sales' }, entities: {} }],
    });
    await addUser(app, 'root', 'pass-word-1', 'admin');
    const cookie = cookieOf(
      await request('/api/v1/auth/login', {
        method: 'POST',
        json: { login: 'root', password: 'pass-word-1' },
      }),
    );
    const issued = (await (
      await request('/api/v1/tokens', {
        method: 'POST',
        json: { name: 'douyin sync', role: 'sales' },
        headers: { cookie, origin: ORIGIN },
      })
    ).json()) as { id: string; token: string };
    expect(issued.token).toMatch(/^trl_/);
    const unknownRole = await request('/api/v1/tokens', {
      method: 'POST',
      json: { name: 'x', role: 'ghost' },
      headers: { cookie, origin: ORIGIN },
    });
    expect(await unknownRole.json()).toMatchObject({
      status: 422,
      errors: [{ path: '/role', code: 'unknown_role' }],
    });
    const [stored] = await rows(store, 'api_tokens', { id: issued.id });
    if (!stored) throw new Error('token not stored');
    expect(stored.token_hash).not.toContain(issued.token);
    const me = (await (
      await request('/api/v1/me', { headers: { authorization: `Bearer ${issued.token}` } })
    ).json()) as { actor: { kind: string; role: string } };
    expect(me.actor).toEqual({ kind: 'token', role: 'sales', teams: [] });
    // Bearer writes need no Origin: there is no ambient credential to forge.
    const list = await request('/api/v1/tokens', {
      headers: { authorization: `Bearer ${issued.token}` },
    });
    expect(list.status).toBe(403);
    const del = await request(`/api/v1/tokens/${issued.id}`, {
      method: 'DELETE',
      headers: { cookie, origin: ORIGIN },
    });
    expect(del.status).toBe(204);
    const after = await request('/api/v1/me', {
      headers: { authorization: `Bearer ${issued.token}` },
    });
    expect(after.status).toBe(401);
  });
});

describe('own account', () => {
  it('changes the password with the current one, ending the other sessions', async () => {
    const { app, request } = await httpHarness();
    await addUser(app, 'li', 'pass-word-1', 'sales');
    const login = () =>
      request('/api/v1/auth/login', {
        method: 'POST',
        json: { login: 'li', password: 'pass-word-1' },
      });
    const here = cookieOf(await login());
    const elsewhere = cookieOf(await login());
    const wrong = await request('/api/v1/me/password', {
      method: 'POST',
      json: { current: 'nope-nope', password: 'new-pass-22' },
      headers: { cookie: here, origin: ORIGIN },
    });
    expect(wrong.status).toBe(422);
    const ok = await request('/api/v1/me/password', {
      method: 'POST',
      json: { current: 'pass-word-1', password: 'new-pass-22' },
      headers: { cookie: here, origin: ORIGIN },
    });
    expect(ok.status).toBe(204);
    expect((await request('/api/v1/me', { headers: { cookie: here } })).status).toBe(200);
    expect((await request('/api/v1/me', { headers: { cookie: elsewhere } })).status).toBe(401);
    expect((await login()).status).toBe(401);
    expect(
      (
        await request('/api/v1/auth/login', {
          method: 'POST',
          json: { login: 'li', password: 'new-pass-22' },
        })
      ).status,
    ).toBe(200);
  });

  it('limits failed logins per IP across many logins', async () => {
    const { request } = await httpHarness({ limits: { loginAttempts: 2 } });
    const statuses: number[] = [];
    for (let i = 0; i < 22; i++)
      statuses.push(
        (
          await request('/api/v1/auth/login', {
            method: 'POST',
            json: { login: `user${i}`, password: 'whatever-1' },
          })
        ).status,
      );
    expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(20)).toEqual([429, 429]);
  });
});

describe('a role’s home page in /me', () => {
  it('gives a role without a chosen home its tasks, its own records of what it may see and its notifications; a chosen one as chosen', async () => {
    const { store, app, request } = await httpHarness();
    await setLiveSpec(store, {
      roles: [
        // Made in the builder: permissions, no home page chosen.
        {
          key: 'advisor',
          label: { 'zh-CN': '顾问', en: 'Advisor' },
          entities: { note: { read: 'own' } },
        },
        { key: 'guest', label: { 'zh-CN': '访客', en: 'Guest' }, entities: {} },
        {
          key: 'boss',
          label: { 'zh-CN': '老板', en: 'Boss' },
          entities: { note: { read: 'all' } },
          workbench: [{ type: 'notifications' }],
        },
      ],
    });
    const homeOf = async (login: string, role: string) => {
      await addUser(app, login, 'pass-word-1', role);
      const cookie = cookieOf(
        await request('/api/v1/auth/login', {
          method: 'POST',
          json: { login, password: 'pass-word-1' },
        }),
      );
      const me = (await (await request('/api/v1/me', { headers: { cookie } })).json()) as {
        role: { workbench: unknown };
      };
      return me.role.workbench;
    };
    expect(await homeOf('ann', 'advisor')).toEqual([
      { type: 'tasks' },
      { type: 'records', entity: 'note' },
      { type: 'notifications' },
    ]);
    expect(await homeOf('gus', 'guest')).toEqual([{ type: 'tasks' }, { type: 'notifications' }]);
    expect(await homeOf('bo', 'boss')).toEqual([{ type: 'notifications' }]);
  });
});
