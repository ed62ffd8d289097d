import { describe, expect, it } from 'vitest';
import { fullStack } from './stack';

type Problem = { status: number; code: string; errors: { path: string; code: string }[] };

// Issue 11 item 6: credentials end when what they were granted for changes.
describe('credentials outlive no account change', () => {
  async function setup() {
    const s = await fullStack();
    const admin = await s.signIn('root', 'admin');
    const rep = await s.signIn('li.na', 'manager', ['tech']);
    const token = async (role: string) => {
      const res = await s.request('/api/v1/tokens', {
        method: 'POST',
        cookie: admin.cookie,
        json: { name: `li.na ${role}`, role, userId: rep.id },
      });
      expect(res.status).toBe(201);
      return ((await res.json()) as { token: string }).token;
    };
    const me = (auth: { cookie?: string; bearer?: string }) =>
      s.request('/api/v1/me', {
        ...(auth.cookie ? { cookie: auth.cookie } : {}),
        ...(auth.bearer ? { headers: { authorization: `Bearer ${auth.bearer}` } } : {}),
      });
    const patch = (json: Record<string, unknown>) =>
      s.request(`/api/v1/users/${rep.id}`, { method: 'PATCH', cookie: admin.cookie, json });
    return { s, admin, rep, token, me, patch };
  }

  it('a password reset by an admin ends the sessions and tokens of the user', async () => {
    const { rep, token, me, patch } = await setup();
    const bearer = await token('manager');
    expect((await me({ cookie: rep.cookie })).status).toBe(200);
    expect((await me({ bearer })).status).toBe(200);
    expect((await patch({ password: 'a-brand-new-one-7' })).status).toBe(200);
    expect((await me({ cookie: rep.cookie })).status).toBe(401);
    expect((await me({ bearer })).status).toBe(401);
  });

  it('a role change ends sessions; a user-bound token never acts above the current role', async () => {
    const { s, rep, token, me, patch } = await setup();
    const bearer = await token('manager');
    expect((await patch({ role: 'sales' })).status).toBe(200);
    expect((await me({ cookie: rep.cookie })).status).toBe(401);
    expect((await me({ bearer })).status).toBe(401);
    // Even a token that escaped revocation (the role changed outside the API) stops acting.
    const again = await token('sales');
    await s.app.ctx.users.update(rep.id, { role: 'marketing' }, Date.now());
    expect((await me({ bearer: again })).status).toBe(401);
  });

  it('refuses to issue a user-bound token with a role the user does not hold', async () => {
    const { s, admin, rep } = await setup();
    const res = await s.request('/api/v1/tokens', {
      method: 'POST',
      cookie: admin.cookie,
      json: { name: 'escalate', role: 'admin', userId: rep.id },
    });
    expect(res.status).toBe(422);
    expect(((await res.json()) as Problem).errors[0]).toMatchObject({ path: '/role' });
  });

  it('a team change and disabling end sessions; disabling revokes tokens too', async () => {
    const { s, rep, token, me, patch } = await setup();
    const bearer = await token('manager');
    const ghost = await patch({ teams: ['tech', 'ghost'] });
    expect(ghost.status).toBe(422);
    expect(((await ghost.json()) as Problem).errors[0]).toMatchObject({
      path: '/teams/1',
      code: 'unknown_team',
    });
    expect((await patch({ teams: ['tech'] })).status).toBe(200);
    expect((await me({ cookie: rep.cookie })).status).toBe(200); // the same teams: nothing ends
    expect((await patch({ teams: [] })).status).toBe(200);
    expect((await me({ cookie: rep.cookie })).status).toBe(401);
    expect((await me({ bearer })).status).toBe(200);
    expect((await patch({ status: 'disabled' })).status).toBe(200);
    expect((await me({ bearer })).status).toBe(401);
    expect((await patch({ status: 'active' })).status).toBe(200);
    expect((await me({ bearer })).status).toBe(401);
    const tokens = (await (
      await s.request('/api/v1/tokens', { cookie: (await s.signIn('root2', 'admin')).cookie })
    ).json()) as { items: { userId: string | null; revokedAt: number | null }[] };
    expect(tokens.items.filter((t) => t.userId === rep.id && t.revokedAt === null)).toEqual([]);
  });
});

// Issue 11 item 9: small leaks.
describe('smaller leaks', () => {
  it('restoring an out-of-scope live record answers 404 like a missing one', async () => {
    const s = await fullStack();
    const owner = await s.signIn('zhang', 'sales', ['tech']);
    const other = await s.signIn('wang', 'sales', ['design']);
    const created = await s.request('/api/v1/records/lead', {
      method: 'POST',
      cookie: owner.cookie,
      json: { name: '李雷', phone: '+8613900001111', course: 'python' },
    });
    expect(created.status, await created.clone().text()).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const restore = (cookie: string) =>
      s.request(`/api/v1/records/lead/${id}/restore`, { method: 'POST', cookie, json: {} });
    const foreign = await restore(other.cookie);
    expect(foreign.status).toBe(404);
    expect(((await foreign.json()) as Problem).code).toBe('not_found');
    const missing = await s.request(`/api/v1/records/lead/nope/restore`, {
      method: 'POST',
      cookie: other.cookie,
      json: {},
    });
    expect(missing.status).toBe(404);
    // The owner still learns that a live record is not in the bin.
    expect((await restore(owner.cookie)).status).toBe(400);
  });

  it('a rep assigns tasks only to themself; someone with reassign to anyone', async () => {
    const s = await fullStack();
    const rep = await s.signIn('zhang', 'sales', ['tech']);
    const boss = await s.signIn('boss', 'manager', ['tech']);
    const task = (cookie: string, assigneeId: string) =>
      s.request('/api/v1/tasks', {
        method: 'POST',
        cookie,
        json: { title: '回访', assigneeId },
      });
    const refused = await task(rep.cookie, boss.id);
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as Problem).errors[0]).toMatchObject({
      path: '/assigneeId',
      code: 'field_readonly',
    });
    const own = await task(rep.cookie, rep.id);
    expect(own.status).toBe(201);
    const { id } = (await own.json()) as { id: string };
    const handOff = await s.request(`/api/v1/tasks/${id}`, {
      method: 'PATCH',
      cookie: rep.cookie,
      json: { assigneeId: boss.id },
    });
    expect(handOff.status).toBe(422);
    expect((await task(boss.cookie, rep.id)).status).toBe(201);
  });
});
