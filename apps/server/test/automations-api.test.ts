import { Ajv2020 } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { createAutomations } from '@trellis/engine';
import type { AppSpec } from '@trellis/spec';
import { createApp } from '../src/app';
import { ORIGIN } from './http-harness';
import { count } from './rows';
import { fullStack } from './stack';

/** The education template plus a role that may manage automations but reads only its own leads. */
function withAutomator(spec: AppSpec): AppSpec {
  const roles = spec.roles ?? [];
  const sales = roles.find((r) => r.key === 'sales')!;
  roles.push({
    ...structuredClone(sales),
    key: 'automator',
    label: { 'zh-CN': '自动化管理员', en: 'Automator' },
    capabilities: ['manageAutomations'],
  });
  return spec;
}

async function stack(more: (spec: AppSpec) => AppSpec = (spec) => spec) {
  const s = await fullStack({}, (spec) => more(withAutomator(spec)));
  const automations = createAutomations(s.engine);
  const app = createApp({ engine: s.engine, store: s.store, automations, log: () => {} });
  const req = (
    path: string,
    init: { method?: string; cookie: string; json?: unknown; locale?: string },
  ) =>
    app.request(`${ORIGIN}${path}`, {
      method: init.method ?? 'GET',
      headers: {
        cookie: init.cookie,
        origin: ORIGIN,
        'content-type': 'application/json',
        'accept-language': init.locale ?? 'en',
      },
      ...(init.json !== undefined ? { body: JSON.stringify(init.json) } : {}),
    });
  const admin = await s.signIn('root', 'admin');
  const doc = (await (
    await req('/api/v1/openapi.json', { cookie: admin.cookie })
  ).json()) as Record<string, unknown>;
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  ajv.addFormat('password', true).addFormat('binary', true);
  ajv.addSchema(doc, 'openapi');
  const documented = (path: string, method: string, status: string) =>
    ajv.compile({
      $ref: `openapi#/paths/${path.replace(/\//g, '~1')}/${method}/responses/${status}/content/application~1json/schema`,
    });
  return { s, automations, req, admin, documented };
}

describe('automations API', () => {
  it('answers dry runs, manual runs, the run log and the list exactly as documented', async () => {
    const { s, automations, req, admin, documented } = await stack();
    const techRep = await s.signIn('tech-rep', 'sales', ['tech']);
    const dry = await req('/api/v1/automations/route-python/test', {
      method: 'POST',
      cookie: admin.cookie,
      json: { record: { name: '试跑', phone: '13300002222', course: 'python', source: 'website' } },
    });
    expect(dry.status).toBe(200);
    const dryBody = (await dry.json()) as {
      ok: boolean;
      runs: { matched: boolean; actions: { type: string; status: string }[] }[];
    };
    const dryValid = documented('/api/v1/automations/{key}/test', 'post', '200');
    expect(dryValid(dryBody), JSON.stringify(dryValid.errors)).toBe(true);
    expect(dryBody.runs[0]?.matched).toBe(true);
    expect(dryBody.runs[0]?.actions[0]).toMatchObject({
      type: 'assign',
      status: 'succeeded',
      result: { ok: true, data: { ownerId: techRep.id } },
    });
    // Nothing of a dry run stays: no lead, no run log row.
    expect(await count(s.store, 'e_lead', { name: '试跑' })).toBe(0);

    const lead = await s.engine.records.create(
      'lead',
      { name: '线索', phone: '13300001111', source: 'website', course: 'python' },
      { actor: { kind: 'system' }, via: 'import' },
    );
    if (!lead.ok) throw new Error('lead');
    await automations.drain();
    const runs = await req('/api/v1/automations/runs?automation=route-python', {
      cookie: admin.cookie,
    });
    const runsBody = (await runs.json()) as { items: { status: string; recordId: string }[] };
    const runsValid = documented('/api/v1/automations/runs', 'get', '200');
    expect(runsValid(runsBody), JSON.stringify(runsValid.errors)).toBe(true);
    expect(runsBody.items.map((r) => [r.status, r.recordId])).toEqual([
      ['succeeded', lead.record.id],
    ]);

    const manual = await req('/api/v1/automations/release-to-pool/run', {
      method: 'POST',
      cookie: admin.cookie,
      json: { recordIds: [lead.record.id] },
    });
    expect(manual.status).toBe(202);
    expect(documented('/api/v1/automations/{key}/run', 'post', '202')(await manual.json())).toBe(
      true,
    );

    const list = await req('/api/v1/automations', { cookie: admin.cookie });
    const listBody = (await list.json()) as { items: { key: string }[] };
    expect(documented('/api/v1/automations', 'get', '200')(listBody)).toBe(true);
    expect(listBody.items.map((a) => a.key)).toContain('route-python');
  });

  it('tries the draft when asked (draft: true): its changed condition, not the live one; a missing or invalid draft answers 404 / 422', async () => {
    const { s, req, admin } = await stack();
    const sample = { record: { name: '草稿试跑', phone: '13300002299', course: 'python' } };
    const tryIt = (json: object) =>
      req('/api/v1/automations/route-python/test', { method: 'POST', cookie: admin.cookie, json });
    const none = await tryIt({ ...sample, draft: true });
    expect(none.status).toBe(404);
    expect(((await none.json()) as { code: string }).code).toBe('no_draft');
    const spec = structuredClone((await s.store.specs.live())!.spec);
    spec.automations!.find((a) => a.key === 'route-python')!.if = {
      '==': [{ var: 'course' }, 'java'],
    };
    const save = (body: unknown) =>
      s.request('/api/v1/spec/draft', { method: 'PUT', cookie: admin.cookie, json: body });
    expect((await save(spec)).status).toBe(200);
    const matched = async (json: object) =>
      ((await (await tryIt(json)).json()) as { runs: { matched: boolean }[] }).runs[0]?.matched;
    expect(await matched(sample)).toBe(true);
    expect(await matched({ ...sample, draft: true })).toBe(false);
    // A draft being edited may be invalid: the dry run names its problems instead of guessing.
    spec.automations!.find((a) => a.key === 'route-python')!.on = {
      type: 'record.created',
      entity: 'nope',
    } as never;
    expect((await save(spec)).status).toBe(200);
    const invalid = await tryIt({ ...sample, draft: true });
    expect(invalid.status).toBe(422);
    expect(((await invalid.json()) as { errors: { path: string }[] }).errors[0]?.path).toMatch(
      /^\/automations\//,
    );
  });

  it('refuses bad dry runs with problem details: unknown automation, invalid sample, a record the caller cannot read', async () => {
    const { s, automations, req, admin } = await stack();
    const unknown = await req('/api/v1/automations/nope/test', {
      method: 'POST',
      cookie: admin.cookie,
      json: { record: {} },
    });
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toContain('application/problem+json');

    const invalid = await req('/api/v1/automations/route-python/test', {
      method: 'POST',
      cookie: admin.cookie,
      locale: 'zh-CN',
      json: { record: { name: '坏', phone: 'not a phone', course: 'python' } },
    });
    expect(invalid.status).toBe(422);
    const problem = (await invalid.json()) as {
      code: string;
      errors: { path: string; code: string; message: string }[];
    };
    expect(problem.code).toBe('validation');
    expect(problem.errors.map((e) => e.path)).toContain('/phone');
    expect(problem.errors.find((e) => e.path === '/phone')?.message).toMatch(/[\u4e00-\u9fff]/);

    const automator = await s.signIn('auto', 'automator', ['tech']);
    const mine = await s.engine.records.create(
      'lead',
      { name: '我的', phone: '13300003333', ownerId: automator.id, teamId: 'tech' },
      { actor: { kind: 'system' }, via: 'import' },
    );
    const theirs = await s.engine.records.create(
      'lead',
      { name: '别人的', phone: '13300004444', ownerId: admin.id, teamId: 'design' },
      { actor: { kind: 'system' }, via: 'import' },
    );
    if (!mine.ok || !theirs.ok) throw new Error('leads');
    const own = await req('/api/v1/automations/route-python/test', {
      method: 'POST',
      cookie: automator.cookie,
      json: { record: mine.record.id },
    });
    expect(own.status).toBe(200);
    const other = await req('/api/v1/automations/route-python/test', {
      method: 'POST',
      cookie: automator.cookie,
      json: { record: theirs.record.id },
    });
    expect(other.status).toBe(404);
    expect(await other.text()).not.toContain('13300004444');
    // A schedule's own query (record: null) picks both leads; the automator sees only the run over its own.
    const scheduled = await req('/api/v1/automations/weekly-missing-plan/test', {
      method: 'POST',
      cookie: automator.cookie,
      json: { record: null },
    });
    expect(scheduled.status).toBe(200);
    const picked = ((await scheduled.json()) as { runs: { recordId: string }[] }).runs.map(
      (r) => r.recordId,
    );
    expect(picked).toEqual([mine.record.id]);
    const adminScheduled = await req('/api/v1/automations/weekly-missing-plan/test', {
      method: 'POST',
      cookie: admin.cookie,
      json: { record: null },
    });
    expect(
      ((await adminScheduled.json()) as { runs: { recordId: string }[] }).runs
        .map((r) => r.recordId)
        .sort(),
    ).toEqual([mine.record.id, theirs.record.id].sort());
    // The run log follows the same rule: the automator sees the runs over its own lead only.
    await automations.drain();
    const log = (await (
      await req('/api/v1/automations/runs?automation=route-by-city', {
        cookie: automator.cookie,
      })
    ).json()) as { items: { recordId: string }[] };
    const adminLog = (await (
      await req('/api/v1/automations/runs?automation=route-by-city', { cookie: admin.cookie })
    ).json()) as { items: { recordId: string }[] };
    expect(adminLog.items.map((r) => r.recordId).sort()).toEqual(
      [mine.record.id, theirs.record.id].sort(),
    );
    expect(log.items.map((r) => r.recordId)).toEqual([mine.record.id]);
    const gone = await req('/api/v1/automations/route-python/test', {
      method: 'POST',
      cookie: automator.cookie,
      json: { record: 'no-such-id' },
    });
    expect(gone.status).toBe(404);
    // Without the capability the endpoint is closed whatever the record.
    const rep = await s.signIn('rep', 'sales', ['tech']);
    expect(
      (
        await req('/api/v1/automations/route-python/test', {
          method: 'POST',
          cookie: rep.cookie,
          json: { record: {} },
        })
      ).status,
    ).toBe(403);
  });

  it('never answers a malformed dry run with a 5xx', async () => {
    const { req, admin } = await stack();
    for (const record of [
      5,
      [1],
      true,
      'x'.repeat(5000),
      { id: 7 },
      { id: null },
      { name: { a: 1 } },
      null,
      {},
    ]) {
      for (const key of [
        'route-python',
        'weekly-missing-plan',
        'release-to-pool',
        'douyin-intake-alert',
      ]) {
        const res = await req(`/api/v1/automations/${key}/test`, {
          method: 'POST',
          cookie: admin.cookie,
          json: { record },
        });
        expect(res.status, `${key} ${JSON.stringify(record).slice(0, 40)}`).toBeLessThan(500);
        if (res.status >= 400)
          expect(res.headers.get('content-type')).toContain('application/problem+json');
      }
    }
  });

  it('shows a watcher where robot messages and webhook calls went, never their tokens: URLs as their origin, no headers', async () => {
    const ROBOT = 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=robot-key-7f3a';
    const HOOK = 'https://hooks.example.com/crm/path-token-51c?sig=query-token-2b';
    const { s, automations, req, admin } = await stack((spec) => {
      spec.automations!.push({
        key: 'robot-on-new-lead',
        label: { 'zh-CN': '新线索发到群机器人', en: 'New lead to the group robot' },
        enabled: true,
        on: { type: 'record.created', entity: 'lead' },
        do: [
          {
            type: 'notify',
            channel: 'webhook',
            url: ROBOT,
            format: 'wecom',
            message: { 'zh-CN': '新线索 {{name}}', en: 'New lead {{name}}' },
          },
          {
            type: 'callWebhook',
            url: HOOK,
            headers: { Authorization: 'Bearer header-token-9c' },
          },
        ],
      } as never);
      return spec;
    });
    const manager = await s.signIn('boss', 'manager');
    await s.request('/f/apply', {
      method: 'POST',
      json: { name: '赵六', phone: '13900139011', course: 'python' },
    });
    await automations.drain();
    const secrets = /robot-key-7f3a|path-token-51c|query-token-2b|header-token-9c/;
    const read = async (path: string, cookie: string) => {
      const res = await req(path, { cookie });
      expect(res.status, path).toBe(200);
      return res.text();
    };
    const runs = '/api/v1/automations/runs?automation=robot-on-new-lead';
    // The manager watches: the run and the automation, each URL shown as its origin.
    const watched = await read(runs, manager.cookie);
    expect(JSON.parse(watched).items).toHaveLength(1);
    expect(watched).not.toMatch(secrets);
    expect(watched).toContain('https://qyapi.weixin.qq.com/…');
    expect(watched).toContain('https://hooks.example.com/…');
    const listed = await read('/api/v1/automations', manager.cookie);
    expect(listed).not.toMatch(secrets);
    const robot = (
      JSON.parse(listed) as { items: { key: string; do: Record<string, unknown>[] }[] }
    ).items.find((a) => a.key === 'robot-on-new-lead')!;
    expect(robot.do.map((d) => d.url)).toEqual([
      'https://qyapi.weixin.qq.com/…',
      'https://hooks.example.com/…',
    ]);
    expect(robot.do[1]).not.toHaveProperty('headers');
    // Those who may change automations see them whole.
    expect(await read(runs, admin.cookie)).toContain(ROBOT);
    const whole = await read('/api/v1/automations', admin.cookie);
    expect(whole).toContain(ROBOT);
    expect(whole).toContain('header-token-9c');
  });

  it('lets the manager watch the run log and intake health (monitor) but not test automations or set secrets', async () => {
    const { s, automations, req } = await stack();
    const manager = await s.signIn('boss', 'manager');
    const rep = await s.signIn('rep-1', 'sales', ['tech']);
    await s.request('/f/apply', {
      method: 'POST',
      json: { name: '王五', phone: '13900139000', course: 'python' },
    });
    await automations.drain();
    const runs = await req('/api/v1/automations/runs?automation=route-python', {
      cookie: manager.cookie,
    });
    expect(runs.status).toBe(200);
    expect(((await runs.json()) as { items: unknown[] }).items).toHaveLength(1);
    expect((await req('/api/v1/automations', { cookie: manager.cookie })).status).toBe(200);
    const sources = await req('/api/v1/intake/sources', { cookie: manager.cookie });
    expect(sources.status).toBe(200);
    expect(
      ((await sources.json()) as { items: { key: string }[] }).items.map((i) => i.key),
    ).toContain('trial-apply');
    expect(
      (await req('/api/v1/intake/sources/form/trial-apply/log', { cookie: manager.cookie })).status,
    ).toBe(200);
    // Watching is not managing: no dry runs, no webhook secrets.
    for (const [path, method, json] of [
      ['/api/v1/automations/route-python/test', 'POST', { record: null }],
      ['/api/v1/intake/webhooks/douyin/secret', 'PUT', {}],
    ] as const)
      expect((await req(path, { method, cookie: manager.cookie, json })).status, path).toBe(403);
    // A sales rep has no monitor capability.
    expect((await req('/api/v1/automations/runs', { cookie: rep.cookie })).status).toBe(403);
    expect((await req('/api/v1/intake/sources', { cookie: rep.cookie })).status).toBe(403);
  });
});
