import { describe, expect, it } from 'vitest';
import { ORIGIN, addUser, cookieOf, httpHarness, setLiveSpec } from './http-harness';

type Problem = { status: number; errors: { path: string; code: string; message: string }[] };

describe('new passwords follow the policy on every path (issue 11 item 7)', () => {
  it('first-run setup refuses short and common passwords with a localized field error', async () => {
    const { request } = await httpHarness();
    for (const [password, code] of [
      ['password', 'weak_password'],
      ['12345678', 'weak_password'],
      ['        ', 'weak_password'],
      ['password2024', 'common_password'],
    ] as const) {
      const res = await request('/api/v1/setup', {
        method: 'POST',
        json: { login: 'root', password },
        headers: { 'accept-language': 'zh-CN' },
      });
      expect(res.status, password).toBe(422);
      const body = (await res.json()) as Problem;
      expect(body.errors[0]).toMatchObject({ path: '/password', code });
      expect(body.errors[0]!.message).toMatch(/密码/);
    }
    expect(await (await request('/api/v1/setup')).json()).toEqual({ needed: true });
    const ok = await request('/api/v1/setup', {
      method: 'POST',
      json: { login: 'root', password: 'correct horse battery' },
    });
    expect(ok.status).toBe(201);
  });

  it('an admin creating or resetting a user, and a user changing their own, are held to it', async () => {
    const { store, app, request } = await httpHarness();
    await setLiveSpec(store, {
      roles: [{ key: 'sales', label: { 'zh-CN': '销售', en: 'Sales' }, entities: {} }],
    });
    await addUser(app, 'root', 'pass-word-1', 'admin');
    const admin = cookieOf(
      await request('/api/v1/auth/login', {
        method: 'POST',
        json: { login: 'root', password: 'pass-word-1' },
      }),
    );
    const as = (cookie: string) => ({ cookie, origin: ORIGIN, 'accept-language': 'en' });
    const weak = await request('/api/v1/users', {
      method: 'POST',
      json: { login: 'li.na', password: 'qwertyuiop', role: 'sales' },
      headers: as(admin),
    });
    expect(weak.status).toBe(422);
    expect(((await weak.json()) as Problem).errors).toEqual([
      expect.objectContaining({ path: '/password', code: 'common_password' }),
    ]);
    const created = await request('/api/v1/users', {
      method: 'POST',
      json: { login: 'li.na', password: 'pass-word-1', role: 'sales' },
      headers: as(admin),
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const reset = await request(`/api/v1/users/${id}`, {
      method: 'PATCH',
      json: { password: '12345678' },
      headers: as(admin),
    });
    expect(reset.status).toBe(422);
    expect(((await reset.json()) as Problem).errors[0]).toMatchObject({
      code: 'weak_password',
      message: 'The password needs at least 10 characters.',
    });
    const li = cookieOf(
      await request('/api/v1/auth/login', {
        method: 'POST',
        json: { login: 'li.na', password: 'pass-word-1' },
      }),
    );
    const own = await request('/api/v1/me/password', {
      method: 'POST',
      json: { current: 'pass-word-1', password: 'iloveyou2024' },
      headers: as(li),
    });
    expect(own.status).toBe(422);
    expect(((await own.json()) as Problem).errors[0]).toMatchObject({ code: 'common_password' });
  });
});
