import { describe, expect, it } from 'vitest';
import { cookieOf } from './http-harness';
import { fullStack } from './stack';

type Problem = {
  status: number;
  code: string;
  detail: string;
  errors: { path: string; code: string; message: string }[];
};

// Issue 15: nobody may lock the workspace out of managing its people. In the education
// template only the admin role holds manageUsers.
describe('the last person who can manage users stays', () => {
  async function setup() {
    const s = await fullStack();
    const root = await s.signIn('root', 'admin');
    const manager = await s.signIn('wang.lei', 'manager', ['tech']);
    const patch = (id: string, json: Record<string, unknown>, locale = 'zh-CN') =>
      s.request(`/api/v1/users/${id}`, {
        method: 'PATCH',
        cookie: root.cookie,
        json,
        headers: { 'accept-language': locale },
      });
    const status = async (id: string) => (await s.app.ctx.users.byId(id))!;
    return { s, root, manager, patch, status };
  }

  it('refuses to deactivate or demote the only admin, themselves included, in both languages', async () => {
    const { root, patch, status } = await setup();
    const off = await patch(root.id, { status: 'disabled' });
    expect(off.status).toBe(409);
    const body = (await off.json()) as Problem;
    expect(body.code).toBe('last_user_manager');
    expect(body.errors[0]).toMatchObject({ path: '/status', code: 'last_user_manager' });
    expect(body.errors[0]!.message).toContain('唯一能管理用户');
    expect(body.errors[0]!.message).toContain('root');
    const demote = await patch(root.id, { role: 'manager', name: 'Renamed' }, 'en');
    expect(demote.status).toBe(409);
    const en = (await demote.json()) as Problem;
    expect(en.errors[0]).toMatchObject({ path: '/role', code: 'last_user_manager' });
    expect(en.errors[0]!.message).toContain('only active person who can manage users');
    // Nothing half-written: neither the role nor the name nor the status changed.
    const row = await status(root.id);
    expect([row.role, row.name, row.status]).toEqual(['admin', 'root', 'active']);
    // Away is no lockout: an away admin still signs in.
    expect((await patch(root.id, { status: 'away' })).status).toBe(200);
    expect((await patch(root.id, { status: 'active' })).status).toBe(200);
  });

  it('refuses to let the only admin go through "a rep leaves" before anything moves', async () => {
    const { s, root, manager } = await setup();
    for (const path of ['leave/preview', 'leave']) {
      const res = await s.request(`/api/v1/users/${root.id}/${path}`, {
        method: 'POST',
        cookie: root.cookie,
        json: { to: [manager.id] },
        headers: { 'accept-language': 'en' },
      });
      expect(res.status).toBe(409);
      expect(((await res.json()) as Problem).detail).toContain('only active person');
    }
  });

  it('allows it once another active person can manage users, and counts no disabled one', async () => {
    const { s, root, manager, patch, status } = await setup();
    const second = await s.signIn('second.admin', 'admin');
    expect((await patch(second.id, { status: 'disabled' })).status).toBe(200);
    // The disabled second admin does not count: root is still the last one.
    expect((await patch(root.id, { role: 'manager' })).status).toBe(409);
    expect((await patch(second.id, { status: 'active' })).status).toBe(200);
    expect((await patch(root.id, { role: 'manager' })).status).toBe(200);
    expect((await status(root.id)).role).toBe('manager');
    // Now second.admin is the last one (signed in again: being disabled ended the session) and
    // cannot deactivate themselves.
    const login = await s.request('/api/v1/auth/login', {
      method: 'POST',
      json: { login: 'second.admin', password: 'pass-word-1' },
    });
    second.cookie = cookieOf(login);
    const self = await s.request(`/api/v1/users/${second.id}`, {
      method: 'PATCH',
      cookie: second.cookie,
      json: { status: 'disabled' },
    });
    expect(self.status).toBe(409);
    // People who do not manage users are never held back.
    expect(
      (
        await s.request(`/api/v1/users/${manager.id}`, {
          method: 'PATCH',
          cookie: second.cookie,
          json: { status: 'disabled' },
        })
      ).status,
    ).toBe(200);
  });

  // Check and write are one transaction (holdManagers): the second request counts the first
  // one's change. Before, both read two holders and both wrote, leaving nobody.
  it('lets exactly one of two simultaneous deactivations or demotions of the last two through', async () => {
    const { s, root, status } = await setup();
    const second = await s.signIn('second.admin', 'admin');
    // An integration token acts for both requests: no session of theirs to lose midway, and no
    // person of its own who could manage users.
    const issued = await s.request('/api/v1/tokens', {
      method: 'POST',
      cookie: root.cookie,
      json: { name: 'ops script', role: 'admin' },
    });
    const { token } = (await issued.json()) as { token: string };
    const patch = (id: string, json: Record<string, unknown>) =>
      s.request(`/api/v1/users/${id}`, {
        method: 'PATCH',
        json,
        headers: { authorization: `Bearer ${token}`, 'accept-language': 'en' },
      });
    const changes = [
      { status: 'disabled' },
      { role: 'manager' },
      { status: 'disabled', role: 'sales' },
    ];
    for (let round = 0; round < 6; round++) {
      const change = changes[round % changes.length]!;
      const answers = await Promise.all([patch(root.id, change), patch(second.id, change)]);
      expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
      const refused = (await answers.find((a) => a.status === 409)!.json()) as Problem;
      expect(refused.code).toBe('last_user_manager');
      const rows = await Promise.all([status(root.id), status(second.id)]);
      const managing = rows.filter((r) => r.role === 'admin' && r.status === 'active');
      expect(managing).toHaveLength(1);
      const other = rows.find((r) => r !== managing[0])!;
      expect((await patch(other.id, { role: 'admin', status: 'active' })).status).toBe(200);
    }
  });
});
