import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fullStack } from './stack';

// The gallery's routes over the repository's templates/ folder (what `trellis start` offers).
const TEMPLATES = join(dirname(fileURLToPath(import.meta.url)), '../../../templates');
/** The repo's b2b-sales version (the one installed below). */
const b2bVersion = (
  JSON.parse(readFileSync(join(TEMPLATES, 'b2b-sales', 'template.json'), 'utf8')) as {
    version: string;
  }
).version;

async function gallery() {
  const s = await fullStack({ templateDirs: [TEMPLATES] });
  const admin = await s.signIn('ann', 'admin');
  const rep = await s.signIn('rep', 'sales', ['tech']);
  const call = (cookie: string, path: string, json?: unknown, lang = 'en') =>
    s.request(`/api/v1/templates${path}`, {
      cookie,
      headers: { 'accept-language': lang },
      ...(json !== undefined ? { method: 'POST', json } : {}),
    });
  return { ...s, admin: admin.cookie, rep: rep.cookie, call };
}

type Plan = {
  kind: string;
  installed: string | null;
  conflicts: { path: string; chosen: string }[];
  unresolved: string[];
  changes: { path: string; op: string }[];
  errors: unknown[];
  spec?: unknown;
};

describe('template gallery API', () => {
  it('lists the bundled templates with their locale texts and installed version, and previews one', async () => {
    const g = await gallery();
    const list = await g.call(g.admin, '');
    expect(list.status).toBe(200);
    const { items } = (await list.json()) as {
      items: {
        name: string;
        installed: string | null;
        offer: string;
        description: Record<string, string>;
      }[];
    };
    expect(items.map((t) => t.name)).toEqual(['b2b-sales', 'blank', 'education']);
    expect(items.every((t) => t.description['zh-CN'] && t.description.en)).toBe(true);
    expect(items.map((t) => [t.installed, t.offer])).toEqual([
      [null, 'install'],
      [null, 'install'],
      [null, 'install'],
    ]);

    const res = await g.call(g.admin, '/education');
    expect(res.status).toBe(200);
    const preview = (await res.json()) as {
      entities: { key: string }[];
      pipelines: { key: string; stages: { label: Record<string, string> }[] }[];
      automations: unknown[];
      roles: { key: string }[];
    };
    expect(preview.entities.map((e) => e.key)).toContain('lead');
    expect(preview.pipelines[0]?.stages.map((st) => st.label['zh-CN'])).toEqual(
      expect.arrayContaining(['潜在客户', '需求确认', '试听预约', '报价沟通', '成交']),
    );
    expect(preview.automations.length).toBeGreaterThan(3);
    expect(preview.roles.map((r) => r.key)).toEqual(expect.arrayContaining(['admin', 'sales']));
    expect((await g.call(g.admin, '/nope')).status).toBe(404);
  });

  it('refuses a sales rep everything, reading and installing (403)', async () => {
    const g = await gallery();
    expect((await g.call(g.rep, '')).status).toBe(403);
    expect((await g.call(g.rep, '/education')).status).toBe(403);
    expect((await g.call(g.rep, '/b2b-sales/plan', {})).status).toBe(403);
    const apply = await g.call(g.rep, '/b2b-sales/apply', { chooseAll: 'ours' });
    expect(apply.status).toBe(403);
    expect((await g.store.specs.live())!.spec.entities.map((e) => e.key)).not.toContain('deal');
    expect(await g.store.templates.get('b2b-sales')).toBeNull();
  });

  it('plans b2b-sales over the education workspace, refuses while conflicts are open, installs with the choices', async () => {
    const g = await gallery();
    const lead = await g.request('/api/v1/records/lead', {
      method: 'POST',
      cookie: g.admin,
      json: { name: '王小明', phone: '13800138000', source: 'douyin' },
    });
    expect(lead.status).toBe(201);
    const leadId = ((await lead.json()) as { id: string }).id;
    const before = (await g.store.specs.live())!.version;

    const planned = await g.call(g.admin, '/b2b-sales/plan', {});
    expect(planned.status).toBe(200);
    const plan = (await planned.json()) as Plan;
    expect(plan).toMatchObject({ kind: 'install', installed: null, errors: [] });
    expect(plan.spec).toBeUndefined();
    const withSpec = (await (await g.call(g.admin, '/b2b-sales/plan?spec=1', {})).json()) as {
      spec: { entities: { key: string }[] };
    };
    expect(withSpec.spec.entities.map((e) => e.key)).toEqual(
      expect.arrayContaining(['lead', 'customer', 'deal']),
    );
    expect(plan.unresolved).toContain('/roles/sales/label/zh-CN');
    expect(plan.changes.some((c) => c.path.startsWith('/entities/deal'))).toBe(true);

    // Unresolved conflicts: nothing is published.
    const refused = await g.call(g.admin, '/b2b-sales/apply', {}, 'zh-CN');
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as { errors: { code: string }[] }).errors[0]?.code).toBe(
      'template.conflicts',
    );
    expect((await g.store.specs.live())!.version).toBe(before);

    const choices = Object.fromEntries(plan.unresolved.map((p) => [p, 'ours']));
    choices['/roles/sales/label/zh-CN'] = 'theirs';
    const applied = await g.call(g.admin, '/b2b-sales/apply', { choices });
    expect(applied.status).toBe(201);
    const result = (await applied.json()) as { version: number; plan: Plan };
    expect(result.version).toBeGreaterThan(before);
    const spec = (await g.store.specs.live())!.spec as unknown as {
      entities: { key: string }[];
      roles: { key: string; label: Record<string, string> }[];
    };
    expect(spec.entities.map((e) => e.key)).toEqual(expect.arrayContaining(['lead', 'deal']));
    const b2bRoles = (await (await g.call(g.admin, '/b2b-sales')).json()) as {
      roles: { key: string; label: Record<string, string> }[];
    };
    const theirs = b2bRoles.roles.find((r) => r.key === 'sales')!.label['zh-CN'];
    expect(spec.roles.find((r) => r.key === 'sales')!.label['zh-CN']).toBe(theirs);
    // The record survived the publish.
    const kept = await g.request(`/api/v1/records/lead/${leadId}`, { cookie: g.admin });
    expect(kept.status).toBe(200);
    const listed = (await (await g.call(g.admin, '')).json()) as {
      items: { name: string; installed: string | null; offer: string }[];
    };
    expect(listed.items.find((t) => t.name === 'b2b-sales')).toMatchObject({
      installed: b2bVersion,
      offer: 'reinstall',
    });
  });

  it.each([
    ['en', { choices: ['ours'] }, '/choices', 'must be an object'],
    ['zh-CN', { choices: { '/roles/sales/label/zh-CN': 'mine' } }, '/choices/~1roles', '只能是'],
    ['en', { chooseAll: 'both' }, '/chooseAll', 'must be "ours"'],
    ['zh-CN', { chooseAll: 'ours', resolutions: 'yes' }, '/resolutions', '应为对象'],
  ])('answers bad input with a 400 naming the field (%s, %j)', async (lang, body, path, text) => {
    const g = await gallery();
    const before = (await g.store.specs.live())!.version;
    for (const action of [
      '/b2b-sales/apply',
      ...('resolutions' in body ? [] : ['/b2b-sales/plan']),
    ]) {
      const res = await g.call(g.admin, action, body, lang);
      expect(res.status).toBe(400);
      const problem = (await res.json()) as { errors: { path: string; message: string }[] };
      expect(problem.errors[0]?.path.startsWith(path)).toBe(true);
      expect(problem.errors[0]?.message).toContain(text);
    }
    expect((await g.store.specs.live())!.version).toBe(before);
    expect(await g.store.templates.get('b2b-sales')).toBeNull();
  });
});
