import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppSpec } from '@trellis/spec';
import { describe, expect, it } from 'vitest';
import { applyTemplate, bundleTemplate, planTemplate } from '../src/index';
import { fullStack } from './stack';
import { testStore } from './test-store';

const TEMPLATES = join(dirname(fileURLToPath(import.meta.url)), '../../../templates');

type Problem = {
  status: number;
  code: string;
  errors: { path: string; code: string; message: string }[];
};

/** The spec with the education template's manager role granted (or not) manageUsers and build. */
function withManagerRights(spec: AppSpec, rights: string[]): AppSpec {
  const next = structuredClone(spec);
  const manager = next.roles!.find((r) => r.key === 'manager')!;
  manager.capabilities = [
    ...(manager.capabilities ?? []).filter((c) => c !== 'manageUsers' && c !== 'build'),
    ...rights,
  ] as typeof manager.capabilities;
  return next;
}

// A publish can take the power away too: the roles of the spec decide who may manage users.
describe('a publish never leaves nobody who can manage users', () => {
  async function setup() {
    const s = await fullStack();
    const root = await s.signIn('root', 'admin');
    const hr = await s.signIn('li.hr', 'manager', ['tech']);
    const as =
      (cookie: string) =>
      (path: string, json: unknown, locale = 'en') =>
        s.request(path, {
          method: path.startsWith('/api/v1/users') ? 'PATCH' : 'POST',
          cookie,
          json,
          headers: { 'accept-language': locale },
        });
    // Version 2: managers manage users and build; then the only admin leaves.
    const granted = withManagerRights(s.spec, ['manageUsers', 'build']);
    expect((await as(root.cookie)('/api/v1/spec/publish', { spec: granted })).status).toBe(201);
    expect((await as(root.cookie)(`/api/v1/users/${root.id}`, { status: 'disabled' })).status).toBe(
      200,
    );
    const live = async () => (await s.store.specs.live())!.version;
    return { s, root, hr, hrCall: as(hr.cookie), granted, live };
  }

  it('refuses a publish that takes manageUsers from the last holders’ role, in both languages, publishing nothing', async () => {
    const { s, hr, hrCall, granted, live } = await setup();
    const taken = withManagerRights(s.spec, ['build']);
    const at = `/roles/${taken.roles!.findIndex((r) => r.key === 'manager')}/capabilities`;
    const en = await hrCall('/api/v1/spec/publish', { spec: taken });
    expect(en.status).toBe(422);
    const body = (await en.json()) as Problem;
    expect(body.errors).toEqual([
      {
        path: at,
        code: 'last_user_manager_role',
        message: expect.stringContaining(
          'the role Management (manager) no longer has the Users right',
        ) as string,
      },
    ]);
    const zh = (await (
      await hrCall('/api/v1/spec/publish', { spec: taken }, 'zh-CN')
    ).json()) as Problem;
    expect(zh.errors[0]!.message).toContain('没有在职人员能管理用户：角色 管理层 (manager)');
    expect(await live()).toBe(2);
    expect((await s.store.specs.live())!.spec).toEqual(granted);
    // The builder is told before publishing: the plan preview answers the same.
    const plan = await hrCall('/api/v1/spec/draft/plan', { spec: taken });
    expect(plan.status).toBe(422);
    expect(((await plan.json()) as Problem).errors[0]).toMatchObject({
      path: at,
      code: 'last_user_manager_role',
    });
    // And the builder's problem count says so as the draft is saved.
    const saved = await s.request('/api/v1/spec/draft', {
      method: 'PUT',
      cookie: hr.cookie,
      json: taken,
      headers: { 'accept-language': 'en' },
    });
    expect(saved.status).toBe(200);
    expect(await saved.json()).toMatchObject({
      valid: false,
      errors: [{ path: at, code: 'last_user_manager_role' }],
    });
    // Restoring version 1 (managers without the right) is a publish too.
    const restore = await hrCall('/api/v1/spec/versions/1/restore', {});
    expect(restore.status).toBe(422);
    expect(((await restore.json()) as Problem).errors[0]!.code).toBe('last_user_manager_role');
    expect(await live()).toBe(2);
  });

  it('publishes it once another active person can manage users', async () => {
    const { s, root, hrCall, live } = await setup();
    expect((await hrCall(`/api/v1/users/${root.id}`, { status: 'active' })).status).toBe(200);
    const taken = withManagerRights(s.spec, ['build']);
    expect((await hrCall('/api/v1/spec/draft/plan', { spec: taken })).status).toBe(200);
    expect((await hrCall('/api/v1/spec/publish', { spec: taken })).status).toBe(201);
    expect(await live()).toBe(3);
  });

  // The publish holds the same lock as a change of a person: a deactivation of the admin and a
  // publish taking the right from the other holder's role cannot both pass.
  it('lets only one of a publish and a simultaneous deactivation through', async () => {
    const { s, root, hrCall } = await setup();
    // An integration token (role admin, no person) sends both: nobody's session or rights move
    // under it.
    expect((await hrCall(`/api/v1/users/${root.id}`, { status: 'active' })).status).toBe(200);
    const issued = await hrCall('/api/v1/tokens', { name: 'ops script', role: 'admin' });
    const { token } = (await issued.json()) as { token: string };
    const call = (method: string, path: string, json: unknown) =>
      s.request(path, {
        method,
        json,
        headers: { authorization: `Bearer ${token}`, 'accept-language': 'en' },
      });
    const granted = (await s.store.specs.live())!.spec;
    const taken = withManagerRights(s.spec, ['build']);
    for (let round = 0; round < 4; round++) {
      const [published, disabled] = await Promise.all([
        call('POST', '/api/v1/spec/publish', { spec: taken }),
        call('PATCH', `/api/v1/users/${root.id}`, { status: 'disabled' }),
      ]);
      const outcome = [published.status, disabled.status];
      // Either the publish went first (root is then the last) or the deactivation did.
      expect([
        [201, 409],
        [422, 200],
      ]).toContainEqual(outcome);
      if (outcome[0] === 201)
        expect((await call('POST', '/api/v1/spec/publish', { spec: granted })).status).toBe(201);
      else
        expect((await call('PATCH', `/api/v1/users/${root.id}`, { status: 'active' })).status).toBe(
          200,
        );
    }
  });
});

// A template's install or upgrade publishes too: the same rule, with the plan telling it first.
describe('a template never leaves nobody who can manage users', () => {
  it('refuses an upgrade that takes manageUsers from the only holders’ role, and installs nothing', async () => {
    const store = await testStore();
    try {
      const bundled = bundleTemplate(join(TEMPLATES, 'education'));
      if (!bundled.ok) throw new Error(JSON.stringify(bundled.errors));
      const shipped = {
        name: bundled.manifest.name,
        version: bundled.manifest.version,
        spec: bundled.spec,
      };
      // An older version of the template granted managers the right; a manager is the only holder.
      const older = {
        ...shipped,
        version: '0.0.1',
        spec: withManagerRights(shipped.spec as unknown as AppSpec, ['manageUsers']),
      };
      expect((await applyTemplate(store, older, { locale: 'en' })).ok).toBe(true);
      await store.users.insert(
        { id: 'u-hr', login: 'li.hr', passwordHash: null, role: 'manager' },
        Date.now(),
      );
      const plan = await planTemplate(store, shipped, { locale: 'en' });
      expect(plan.errors).toMatchObject([{ code: 'last_user_manager_role' }]);
      const refused = await applyTemplate(store, shipped, { locale: 'en' });
      expect(refused.ok ? [] : refused.errors).toMatchObject([
        {
          code: 'last_user_manager_role',
          path: expect.stringMatching(/^\/roles\/\d+\/capabilities$/) as string,
        },
      ]);
      expect((await store.specs.live())!.version).toBe(1);
      expect((await store.templates.get(shipped.name))!.version).toBe('0.0.1');
      // With an admin beside the manager the upgrade goes through.
      await store.users.insert(
        { id: 'u-admin', login: 'root', passwordHash: null, role: 'admin' },
        Date.now(),
      );
      expect((await applyTemplate(store, shipped, { locale: 'en' })).ok).toBe(true);
    } finally {
      await store.close();
    }
  });
});
