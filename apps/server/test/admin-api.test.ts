import { createAutomations } from '@trellis/engine';
import { describe, expect, it } from 'vitest';
import { createApp } from '../src/app';
import { ORIGIN, cookieOf } from './http-harness';
import { fullStack } from './stack';

describe('spec versions over HTTP', () => {
  it('saves a draft, previews its migration plan, publishes and restores, for builders only', async () => {
    const s = await fullStack();
    const admin = await s.signIn('root', 'admin');
    const rep = await s.signIn('rep', 'sales', ['tech']);
    expect(
      (await s.request('/api/v1/spec/draft', { method: 'PUT', cookie: rep.cookie, json: {} }))
        .status,
    ).toBe(403);
    const live = (await (await s.request('/api/v1/spec', { cookie: admin.cookie })).json()) as {
      version: number;
      spec: { entities: { key: string; fields: { key: string }[] }[] };
    };
    expect(live.version).toBe(1);
    // Integration settings (robot URLs with tokens, webhook sources) are for builders only.
    expect(live.spec).toHaveProperty('automations');
    const repView = (await (await s.request('/api/v1/spec', { cookie: rep.cookie })).json()) as {
      version: number;
      spec: Record<string, unknown>;
    };
    expect(repView.version).toBe(1);
    expect(repView.spec).not.toHaveProperty('automations');
    expect(repView.spec).not.toHaveProperty('webhookSources');
    expect(repView.spec).toHaveProperty('entities');
    expect(repView.spec).toHaveProperty('forms');
    const next = structuredClone(live.spec);
    next.entities
      .find((e) => e.key === 'lead')!
      .fields.push({
        key: 'graduationYear',
        type: 'number',
        label: { 'zh-CN': '毕业年份', en: 'Graduation year' },
      } as never);
    const saved = (await (
      await s.request('/api/v1/spec/draft', { method: 'PUT', cookie: admin.cookie, json: next })
    ).json()) as { valid: boolean };
    expect(saved.valid).toBe(true);
    const plan = (await (
      await s.request('/api/v1/spec/draft/plan', { method: 'POST', cookie: admin.cookie })
    ).json()) as { plan: { steps: { kind: string }[] } };
    expect(plan.plan.steps.map((st) => st.kind)).toContain('addField');
    const published = await s.request('/api/v1/spec/publish', {
      method: 'POST',
      cookie: admin.cookie,
      json: { note: 'graduation year' },
    });
    expect(published.status).toBe(201);
    expect(((await published.json()) as { version: number }).version).toBe(2);
    // The API follows the publish at once: the new field is accepted and in the OpenAPI document.
    const doc = (await (
      await s.request('/api/v1/openapi.json', { cookie: admin.cookie })
    ).json()) as { components: { schemas: { Lead: { properties: Record<string, unknown> } } } };
    expect(doc.components.schemas.Lead.properties).toHaveProperty('graduationYear');
    const invalid = await s.request('/api/v1/spec/publish', {
      method: 'POST',
      cookie: admin.cookie,
      json: { spec: { entities: 'nope' } },
    });
    expect(invalid.status).toBe(422);
    expect(((await invalid.json()) as { errors: unknown[] }).errors.length).toBeGreaterThan(0);
    const versions = (await (
      await s.request('/api/v1/spec/versions', { cookie: admin.cookie })
    ).json()) as { items: { version: number }[] };
    expect(versions.items.map((v) => v.version)).toEqual([2, 1]);
    const restored = await s.request('/api/v1/spec/versions/1/restore', {
      method: 'POST',
      cookie: admin.cookie,
      json: { resolutions: {} },
    });
    expect(restored.status, await restored.clone().text()).toBe(201);
    expect(((await restored.json()) as { version: number }).version).toBe(3);
    const back = (await (
      await s.request('/api/v1/openapi.json', { cookie: admin.cookie })
    ).json()) as { components: { schemas: { Lead: { properties: Record<string, unknown> } } } };
    expect(back.components.schemas.Lead.properties).not.toHaveProperty('graduationYear');
    // Publishing what is already live creates nothing: 200, the live version, no new history entry.
    const same = await s.request('/api/v1/spec/publish', {
      method: 'POST',
      cookie: admin.cookie,
      json: { spec: live.spec },
    });
    expect(same.status).toBe(200);
    expect(await same.json()).toMatchObject({ version: 3, unchanged: true });
    const after = (await (
      await s.request('/api/v1/spec/versions', { cookie: admin.cookie })
    ).json()) as { items: { version: number }[] };
    expect(after.items.map((v) => v.version)).toEqual([3, 2, 1]);
  });
});

describe('automations over HTTP', () => {
  it('dry-runs an automation, runs a manual one on records the caller may update, and lists runs', async () => {
    const s = await fullStack();
    const automations = createAutomations(s.engine);
    const app = createApp({ engine: s.engine, store: s.store, automations, log: () => {} });
    const req = (path: string, init: { method?: string; cookie: string; json?: unknown }) =>
      app.request(`${ORIGIN}${path}`, {
        method: init.method ?? 'GET',
        headers: { cookie: init.cookie, origin: ORIGIN, 'content-type': 'application/json' },
        ...(init.json !== undefined ? { body: JSON.stringify(init.json) } : {}),
      });
    const admin = await s.signIn('root', 'admin');
    const rep = await s.signIn('rep', 'sales', ['tech']);
    const lead = await s.engine.records.create(
      'lead',
      { name: '手动', phone: '+8613300001111', source: 'website', ownerId: rep.id, teamId: 'tech' },
      { actor: { kind: 'system' }, via: 'import' },
    );
    if (!lead.ok) throw new Error('lead');
    const id = String(lead.record.id);
    const dry = (await (
      await req('/api/v1/automations/route-python/test', {
        method: 'POST',
        cookie: admin.cookie,
        json: {
          record: { name: 'x', phone: '+8613300002222', course: 'python', source: 'website' },
        },
      })
    ).json()) as { ok: boolean; runs: { matched: boolean }[] };
    expect(dry.ok).toBe(true);
    expect(dry.runs[0]?.matched).toBe(true);
    expect(
      (
        await req('/api/v1/automations/route-python/test', {
          method: 'POST',
          cookie: rep.cookie,
          json: {},
        })
      ).status,
    ).toBe(403);
    const run = await req('/api/v1/automations/release-to-pool/run', {
      method: 'POST',
      cookie: rep.cookie,
      json: { recordIds: [id] },
    });
    expect(run.status).toBe(202);
    await automations.drain();
    const after = await s.engine.records.get('lead', id, { actor: { kind: 'system' } });
    expect(after.ok && after.record.ownerId).toBeNull();
    const runs = (await (
      await req('/api/v1/automations/runs?automation=release-to-pool', { cookie: admin.cookie })
    ).json()) as { items: { status: string }[] };
    expect(runs.items.map((r) => r.status)).toEqual(['succeeded']);
    // A role the button does not name, without manageAutomations, is refused (issue 11 item 5).
    const manager = await s.signIn('boss', 'manager', ['tech']);
    const refused = await req('/api/v1/automations/release-to-pool/run', {
      method: 'POST',
      cookie: manager.cookie,
      json: { recordIds: [id] },
    });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { errors: { code: string }[] }).errors[0]?.code).toBe(
      'automation.forbidden',
    );
    // Someone else's record answers like a missing one.
    const other = await s.signIn('other', 'sales', ['design']);
    expect(
      (
        await req('/api/v1/automations/release-to-pool/run', {
          method: 'POST',
          cookie: other.cookie,
          json: { recordIds: [id] },
        })
      ).status,
    ).toBe(404);
  });
});

describe('users API and server-sent events', () => {
  it('creates users, disables them (ending their sessions) and streams record changes to readers', async () => {
    // Writes below go to the engine directly, like another process would: the poll delivers them.
    const s = await fullStack({ ssePollMs: 100 });
    const admin = await s.signIn('root', 'admin');
    const created = await s.request('/api/v1/users', {
      method: 'POST',
      cookie: admin.cookie,
      json: { login: 'li.na', password: 'pass-word-1', role: 'sales', teams: ['tech'] },
    });
    expect(created.status).toBe(201);
    const user = (await created.json()) as { id: string };
    // The directory is for everyone; colleagues' contact details only for those who manage users.
    const withContact = await s.request('/api/v1/users', {
      method: 'POST',
      cookie: admin.cookie,
      json: {
        login: 'wang.fang',
        password: 'pass-word-1',
        role: 'sales',
        email: 'wang.fang@school.example',
        phone: '+8613900005555',
      },
    });
    expect(withContact.status).toBe(201);
    const rep = await s.signIn('rep', 'sales', ['tech']);
    const repDirectory = await (await s.request('/api/v1/users', { cookie: rep.cookie })).text();
    expect(repDirectory).toContain('wang.fang');
    expect(repDirectory).not.toContain('wang.fang@school.example');
    expect(repDirectory).not.toContain('13900005555');
    const adminDirectory = await (
      await s.request('/api/v1/users', { cookie: admin.cookie })
    ).text();
    expect(adminDirectory).toContain('wang.fang@school.example');
    const dupe = await s.request('/api/v1/users', {
      method: 'POST',
      cookie: admin.cookie,
      json: { login: 'li.na', password: 'pass-word-1', role: 'nope', teams: ['nowhere'] },
    });
    expect(
      ((await dupe.json()) as { errors: { code: string }[] }).errors.map((e) => e.code).sort(),
    ).toEqual(['login_taken', 'unknown_role', 'unknown_team']);
    const login = await s.request('/api/v1/auth/login', {
      method: 'POST',
      json: { login: 'li.na', password: 'pass-word-1' },
    });
    const cookie = cookieOf(login);

    const stream = await s.request('/api/v1/events', { cookie });
    expect(stream.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = stream.body!.getReader();
    const decoder = new TextDecoder();
    let text = decoder.decode((await reader.read()).value);
    expect(text).toContain('event: ready');
    await s.engine.records.create(
      'lead',
      {
        name: '推送',
        phone: '+8613300003333',
        source: 'website',
        ownerId: user.id,
        teamId: 'tech',
      },
      { actor: { kind: 'system' }, via: 'import' },
    );
    await s.engine.records.create(
      'lead',
      {
        name: '别人的',
        phone: '+8613300004444',
        source: 'website',
        ownerId: admin.id,
        teamId: 'design',
      },
      { actor: { kind: 'system' }, via: 'import' },
    );
    while (!text.includes('event: record')) text += decoder.decode((await reader.read()).value);
    await reader.cancel();
    expect(text).toContain('推送');
    expect(text).not.toContain('别人的');

    const disabled = await s.request(`/api/v1/users/${user.id}`, {
      method: 'PATCH',
      cookie: admin.cookie,
      json: { status: 'disabled' },
    });
    expect(disabled.status).toBe(200);
    expect((await s.request('/api/v1/me', { cookie })).status).toBe(401);
  });

  it('sets, clears and refuses supervisors (unknown person, oneself, a loop)', async () => {
    const s = await fullStack();
    const admin = await s.signIn('root', 'admin');
    const add = async (login: string) => {
      const res = await s.request('/api/v1/users', {
        method: 'POST',
        cookie: admin.cookie,
        json: { login, password: 'pass-word-1', role: 'sales' },
      });
      return ((await res.json()) as { id: string }).id;
    };
    const lead = await add('zhao.lead');
    const rep = await add('qian.rep');
    const patch = (id: string, json: object, locale = 'en') =>
      s.request(`/api/v1/users/${id}`, {
        method: 'PATCH',
        cookie: admin.cookie,
        json,
        headers: { 'accept-language': locale },
      });
    const set = await patch(rep, { supervisorId: lead });
    expect(set.status).toBe(200);
    expect(((await set.json()) as { supervisorId: string }).supervisorId).toBe(lead);
    const refused = async (id: string, json: object, locale = 'en') => {
      const res = await patch(id, json, locale);
      expect(res.status).toBe(422);
      return ((await res.json()) as { errors: { path: string; code: string; message: string }[] })
        .errors;
    };
    expect(await refused(lead, { supervisorId: rep })).toMatchObject([
      { path: '/supervisorId', code: 'supervisor_loop' },
    ]);
    expect(await refused(rep, { supervisorId: rep }, 'zh-CN')).toMatchObject([
      { code: 'supervisor_loop', message: expect.stringContaining('上级') },
    ]);
    expect(await refused(rep, { supervisorId: 'nobody' })).toMatchObject([
      { code: 'unknown_supervisor', message: expect.stringContaining('nobody') },
    ]);
    // Refusals change nothing; null clears.
    const after = await s.request('/api/v1/users', { cookie: admin.cookie });
    const rows = ((await after.json()) as { items: { id: string; supervisorId: string | null }[] })
      .items;
    expect(rows.find((u) => u.id === rep)?.supervisorId).toBe(lead);
    expect(rows.find((u) => u.id === lead)?.supervisorId).toBeNull();
    const cleared = await patch(rep, { supervisorId: null });
    expect(((await cleared.json()) as { supervisorId: string | null }).supervisorId).toBeNull();
  });

  it('pushes a write made through the API to open event streams at once, without waiting for the poll', async () => {
    // A poll this slow never fires within the test: only the commit notification can deliver.
    const s = await fullStack({ ssePollMs: 600_000 });
    const admin = await s.signIn('root', 'admin');
    const stream = await s.request('/api/v1/events', { cookie: admin.cookie });
    const reader = stream.body!.getReader();
    const decoder = new TextDecoder();
    let text = decoder.decode((await reader.read()).value);
    expect(text).toContain('event: ready');
    const created = await s.request('/api/v1/records/lead', {
      method: 'POST',
      cookie: admin.cookie,
      json: { name: '即时推送', phone: '+8613300005555', source: 'website' },
    });
    expect(created.status).toBe(201);
    const form = await s.request('/f/apply', {
      method: 'POST',
      json: { name: '表单推送', phone: '+8613300006666' },
    });
    expect(form.status).toBe(201);
    while (!(text.includes('即时推送') && text.includes('表单推送')))
      text += decoder.decode((await reader.read()).value);
    await reader.cancel();
    expect(text.match(/event: record/g)?.length).toBeGreaterThanOrEqual(2);
  });
});
