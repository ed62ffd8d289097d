import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppSpec } from '@trellis/spec';
import { openStore, type Store } from '@trellis/store';
import { applyTemplate, bundleTemplate, checkTemplate, planTemplate } from '../src/index';

// Done-when of issue 19: both templates validate and install into an empty workspace and into
// one that already has data; upgrading v1 -> v2 over a customised workspace keeps the
// customisations and reports the conflict it must.
const TEMPLATES = join(dirname(fileURLToPath(import.meta.url)), '../../../templates');
let dir: string;
let store: Store | null = null;
afterEach(async () => {
  await store?.close();
  store = null;
  rmSync(dir, { recursive: true, force: true });
});
const open = async () => {
  dir = mkdtempSync(join(tmpdir(), 'tpl-install-'));
  store = await openStore({ url: join(dir, 'trellis.db') });
  return store;
};
function source(name: string, version?: string) {
  const b = bundleTemplate(join(TEMPLATES, name));
  if (!b.ok) throw new Error(JSON.stringify(b.errors));
  return { name: b.manifest.name, version: version ?? b.manifest.version, spec: b.spec };
}
type Field = { key: string; label: Record<string, string>; maxLength?: number };
type Entity = { key: string; fields: Field[] };
const entity = (spec: unknown, key: string) =>
  (spec as { entities: Entity[] }).entities.find((e) => e.key === key)!;
const fieldOf = (spec: unknown, e: string, f: string) =>
  entity(spec, e).fields.find((x) => x.key === f);
const live = async (s: Store) => (await s.specs.live())!.spec as unknown as AppSpec;

describe('template install', () => {
  it.each(['education', 'b2b-sales'])(
    '%s validates without errors and installs into an empty workspace',
    async (name) => {
      const checked = checkTemplate(join(TEMPLATES, name), { locale: 'en' });
      expect(checked.ok ? [] : checked.errors).toEqual([]);
      const s = await open();
      const r = await applyTemplate(s, source(name), { locale: 'en' });
      expect(r.ok ? [] : r.errors).toEqual([]);
      expect(r.plan.kind).toBe('install');
      expect(await s.templates.get(name)).toMatchObject({ name, version: source(name).version });
      expect((await live(s)).entities.length).toBeGreaterThan(1);
    },
  );

  it('installs b2b-sales into an education workspace with data: adds its entities, keeps every record, reports the shared keys it differs on', async () => {
    const s = await open();
    expect((await applyTemplate(s, source('education'))).ok).toBe(true);
    const leads = s.records(await live(s));
    const lead = await leads.insert('lead', {
      name: '王小明',
      phone: '+8613800138000',
      source: 'douyin',
      stage: 'new',
    });
    expect(lead.ok).toBe(true);
    const b2b = source('b2b-sales');
    const plan = await planTemplate(s, b2b, { locale: 'en' });
    expect(plan.kind).toBe('install');
    expect(plan.errors).toEqual([]);
    // Both define the roles admin/sales and the teams sales/marketing, differently: conflicts
    // for the builder, the workspace's value chosen until then.
    expect(plan.unresolved).toEqual(
      expect.arrayContaining(['/roles/sales/label/zh-CN', '/teams/sales/label/zh-CN']),
    );
    const refused = await applyTemplate(s, b2b, { locale: 'en' });
    expect(!refused.ok && refused.errors.map((e) => e.code)).toEqual(['template.conflicts']);
    const done = await applyTemplate(s, b2b, { locale: 'en', chooseAll: 'ours' });
    expect(done.ok ? [] : done.errors).toEqual([]);
    const spec = await live(s);
    expect(spec.entities.map((e) => e.key)).toEqual(
      expect.arrayContaining(['lead', 'student', 'customer', 'deal']),
    );
    // The lead is still there and the new entity's table takes records.
    const records = s.records(spec);
    expect(await records.get('lead', lead.ok ? lead.value.id : '')).toMatchObject({
      name: '王小明',
    });
    const customer = await records.insert('customer', {
      companyName: '云帆科技',
      taxId: '91330100MA2B3C4D5E',
      phone: '+8613800138001',
      contactName: '李总',
      firstChannel: 'expo',
    });
    expect(customer.ok).toBe(true);
    expect((await s.templates.list()).map((t) => t.name).sort()).toEqual([
      'b2b-sales',
      'education',
    ]);
  });

  it('installs education into a b2b-sales workspace with data: keeps every customer, leads take records', async () => {
    const s = await open();
    expect((await applyTemplate(s, source('b2b-sales'))).ok).toBe(true);
    const customer = await s.records(await live(s)).insert('customer', {
      companyName: '云帆科技',
      taxId: '91330100MA2B3C4D5E',
      phone: '+8613800138001',
      contactName: '李总',
      firstChannel: 'expo',
    });
    expect(customer.ok ? [] : customer.error).toEqual([]);
    const education = source('education');
    const plan = await planTemplate(s, education, { locale: 'en' });
    expect(plan.kind).toBe('install');
    expect(plan.errors).toEqual([]);
    expect(plan.unresolved).toEqual(expect.arrayContaining(['/roles/sales/label/zh-CN']));
    const done = await applyTemplate(s, education, { locale: 'en', chooseAll: 'theirs' });
    expect(done.ok ? [] : done.errors).toEqual([]);
    const spec = await live(s);
    expect(spec.entities.map((e) => e.key)).toEqual(
      expect.arrayContaining(['customer', 'deal', 'lead', 'student']),
    );
    const records = s.records(spec);
    expect(await records.get('customer', customer.ok ? customer.value.id : '')).toMatchObject({
      companyName: '云帆科技',
      taxId: '91330100MA2B3C4D5E',
    });
    const lead = await records.insert('lead', {
      name: '王小明',
      phone: '+8613800138000',
      source: 'douyin',
      stage: 'new',
    });
    expect(lead.ok ? [] : lead.error).toEqual([]);
    expect((await s.templates.list()).map((t) => t.name).sort()).toEqual([
      'b2b-sales',
      'education',
    ]);
  });
});

describe('template upgrade (three-way merge)', () => {
  it('keeps the workspace customisations, takes the new version’s changes and stops on the one both changed', async () => {
    const s = await open();
    const v1 = source('education');
    expect((await applyTemplate(s, v1)).ok).toBe(true);
    const rec = await s.records(await live(s)).insert('lead', {
      name: '李雷',
      phone: '+8613900139000',
      source: 'website',
      stage: 'new',
    });
    expect(rec.ok).toBe(true);
    // The builder customises the workspace: a field of their own and a relabelled WeChat ID.
    const ours = structuredClone(await live(s)) as unknown as Record<string, unknown>;
    entity(ours, 'lead').fields.push({
      key: 'wecomGroup',
      type: 'text',
      label: { 'zh-CN': '企业微信群', en: 'WeCom group' },
    } as Field);
    fieldOf(ours, 'lead', 'wechatId')!.label = { 'zh-CN': '个人微信', en: 'Personal WeChat' };
    const custom = await s.specs.publish({ spec: ours });
    expect(custom.ok).toBe(true);
    // Version 0.2.0 of the template: a new field, a longer note, and its own WeChat label.
    const v2 = source('education', '0.2.0');
    entity(v2.spec, 'lead').fields.push({
      key: 'graduationYear',
      type: 'text',
      label: { 'zh-CN': '毕业年份', en: 'Graduation year' },
    } as Field);
    fieldOf(v2.spec, 'lead', 'notes')!.maxLength = 3000;
    fieldOf(v2.spec, 'lead', 'wechatId')!.label = { 'zh-CN': '微信', en: 'WeChat' };

    const plan = await planTemplate(s, v2, { locale: 'en' });
    expect(plan).toMatchObject({ kind: 'upgrade', installed: v1.version, errors: [] });
    const wechat = '/entities/lead/fields/wechatId/label';
    expect(plan.conflicts).toEqual([
      { path: `${wechat}/zh-CN`, base: '微信号', ours: '个人微信', theirs: '微信', chosen: 'ours' },
      {
        path: `${wechat}/en`,
        base: 'WeChat ID',
        ours: 'Personal WeChat',
        theirs: 'WeChat',
        chosen: 'ours',
      },
    ]);
    expect(plan.changes.map((c) => c.path)).toEqual(
      expect.arrayContaining([
        '/entities/lead/fields/graduationYear',
        '/entities/lead/fields/notes',
      ]),
    );
    const refused = await applyTemplate(s, v2, { locale: 'en' });
    expect(!refused.ok && refused.errors.map((e) => e.code)).toEqual(['template.conflicts']);
    expect((await s.templates.get('education'))?.version).toBe(v1.version);

    const done = await applyTemplate(s, v2, {
      locale: 'en',
      choices: { [`${wechat}/zh-CN`]: 'ours', [`${wechat}/en`]: 'theirs' },
    });
    expect(done.ok ? [] : done.errors).toEqual([]);
    const spec = await live(s);
    expect(entity(spec, 'lead').fields.map((f) => f.key)).toEqual(
      expect.arrayContaining(['wecomGroup', 'graduationYear']),
    );
    expect(fieldOf(spec, 'lead', 'notes')?.maxLength).toBe(3000);
    expect(fieldOf(spec, 'lead', 'wechatId')?.label).toEqual({ 'zh-CN': '个人微信', en: 'WeChat' });
    expect(await s.templates.get('education')).toMatchObject({ version: '0.2.0', spec: v2.spec });
    expect(await s.records(spec).get('lead', rec.ok ? rec.value.id : '')).toMatchObject({
      name: '李雷',
    });
    // Going back to the first version is refused: an upgrade only moves forward.
    const older = await planTemplate(s, v1, { locale: 'en' });
    expect(older.errors.map((e) => e.code)).toContain('template.older');
  });

  it('upgrades b2b-sales 0.1.0 to the repo version over a customised workspace: rounded completeness, data health over the 12 core fields, the source-health widget', async () => {
    const s = await open();
    const now = source('b2b-sales');
    expect(now.version).not.toBe('0.1.0');
    // 0.1.0 as it was: completeness not rounded, data health over the required fields only,
    // no source-health widget.
    const v1 = source('b2b-sales', '0.1.0');
    const core = [
      'companyName',
      'taxId',
      'phone',
      'contactName',
      'contactTitle',
      'contactLevel',
      'email',
      'industry',
      'companySize',
      'city',
      'address',
      'firstChannel',
    ];
    const completeness = fieldOf(v1.spec, 'customer', 'completeness') as Field & {
      expression: unknown;
    };
    completeness.expression = {
      '/': [{ '*': [100, { '+': core.map((f) => ({ if: [{ var: f }, 1, 0] })) }] }, 12],
    };
    type Widget = { key: string; fields?: string[] };
    const health = (spec: unknown) =>
      (spec as { dashboards: { key: string; widgets: Widget[] }[] }).dashboards.find(
        (d) => d.key === 'customer-health',
      )!;
    const old = health(v1.spec);
    delete old.widgets.find((w) => w.key === 'health')!.fields;
    old.widgets = old.widgets.filter((w) => w.key !== 'sources');
    expect((await applyTemplate(s, v1, { locale: 'en' })).ok).toBe(true);
    // The builder's own change: a field for the customer's WeCom group.
    const ours = structuredClone(await live(s)) as unknown as Record<string, unknown>;
    entity(ours, 'customer').fields.push({
      key: 'wecomGroup',
      type: 'text',
      label: { 'zh-CN': '企业微信群', en: 'WeCom group' },
    } as Field);
    expect((await s.specs.publish({ spec: ours })).ok).toBe(true);

    const plan = await planTemplate(s, now, { locale: 'en' });
    expect(plan).toMatchObject({ kind: 'upgrade', installed: '0.1.0', errors: [], conflicts: [] });
    // Only the template's own changes: the builder's field is not undone.
    expect(plan.changes.map((c) => c.path).sort()).toEqual([
      '/dashboards',
      '/entities/customer/fields/completeness',
    ]);
    const done = await applyTemplate(s, now, { locale: 'en' });
    expect(done.ok ? [] : done.errors).toEqual([]);
    const spec = await live(s);
    expect(entity(spec, 'customer').fields.map((f) => f.key)).toContain('wecomGroup');
    expect(JSON.stringify(fieldOf(spec, 'customer', 'completeness'))).toBe(
      JSON.stringify(fieldOf(now.spec, 'customer', 'completeness')),
    );
    expect(health(spec).widgets.find((w) => w.key === 'health')!.fields).toEqual(core);
    expect(health(spec).widgets.map((w) => w.key)).toContain('sources');
    expect((await s.templates.get('b2b-sales'))?.version).toBe(now.version);
  });

  it('upgrades education 0.1.0 to the repo version: profile completeness becomes a whole percent, the enrolment rate per channel comes, the workspace’s own field stays', async () => {
    const s = await open();
    const now = source('education');
    expect(now.version).not.toBe('0.1.0');
    // 0.1.0 as it was: 12.5 points a core field (62.5 for five).
    const v1 = source('education', '0.1.0');
    const score = fieldOf(v1.spec, 'lead', 'profileScore') as Field & { expression: unknown };
    const core = [
      'name',
      'phone',
      'source',
      'course',
      'budgetRange',
      'decisionCycle',
      'city',
      'nextFollowUpPlan',
    ];
    score.expression = { '*': [12.5, { '+': core.map((f) => ({ if: [{ var: f }, 1, 0] })) }] };
    // Nor had it the enrolment rate per channel (0.1.2).
    type Board = { key: string; widgets: { key: string }[] };
    const roi = (spec: unknown) =>
      (spec as { dashboards: Board[] }).dashboards.find((d) => d.key === 'channel-roi')!;
    roi(v1.spec).widgets = roi(v1.spec).widgets.filter((w) => w.key !== 'enrolRateBySource');
    expect((await applyTemplate(s, v1, { locale: 'en' })).ok).toBe(true);
    const ours = structuredClone(await live(s)) as unknown as Record<string, unknown>;
    entity(ours, 'lead').fields.push({
      key: 'wecomGroup',
      type: 'text',
      label: { 'zh-CN': '企业微信群', en: 'WeCom group' },
    } as Field);
    expect((await s.specs.publish({ spec: ours })).ok).toBe(true);

    const plan = await planTemplate(s, now, { locale: 'en' });
    expect(plan).toMatchObject({ kind: 'upgrade', installed: '0.1.0', errors: [], conflicts: [] });
    expect(plan.changes.map((c) => c.path).sort()).toEqual([
      '/dashboards',
      '/entities/lead/fields/profileScore',
    ]);
    const done = await applyTemplate(s, now, { locale: 'en' });
    expect(done.ok ? [] : done.errors).toEqual([]);
    const spec = await live(s);
    expect(entity(spec, 'lead').fields.map((f) => f.key)).toContain('wecomGroup');
    expect((await s.templates.get('education'))?.version).toBe(now.version);
    expect(JSON.stringify(fieldOf(spec, 'lead', 'profileScore'))).toBe(
      JSON.stringify(fieldOf(now.spec, 'lead', 'profileScore')),
    );
    expect(roi(spec).widgets.map((w) => w.key)).toContain('enrolRateBySource');
  });

  it('upgrades education 0.1.2 to the repo version: the manager gains the SLA and unassigned panels, a workbench the workspace changed stays its own', async () => {
    const s = await open();
    const now = source('education');
    // 0.1.2 as it was: no sla-breached view, the manager's workbench of dashboards and all leads.
    const v1 = source('education', '0.1.2');
    type Role = { key: string; workbench?: { type: string; ref?: string }[] };
    type Spec = { views: { key: string }[]; roles: Role[] };
    const old = v1.spec as unknown as Spec;
    old.views = old.views.filter((v) => v.key !== 'sla-breached');
    const role = (spec: unknown, key: string) => (spec as Spec).roles.find((r) => r.key === key)!;
    role(old, 'manager').workbench = [
      { type: 'dashboard', ref: 'sales-funnel' },
      { type: 'dashboard', ref: 'channel-roi' },
      { type: 'dashboard', ref: 'team-performance' },
      { type: 'view', ref: 'all-leads' },
    ];
    expect((await applyTemplate(s, v1, { locale: 'en' })).ok).toBe(true);
    // The workspace gave its team leads a shorter home page.
    const ours = structuredClone(await live(s)) as unknown as Spec;
    role(ours, 'supervisor').workbench = [{ type: 'view', ref: 'team-board' }];
    expect((await s.specs.publish({ spec: ours as unknown as AppSpec })).ok).toBe(true);

    const plan = await planTemplate(s, now, { locale: 'en' });
    expect(plan).toMatchObject({ kind: 'upgrade', installed: '0.1.2', errors: [], conflicts: [] });
    const done = await applyTemplate(s, now, { locale: 'en' });
    expect(done.ok ? [] : done.errors).toEqual([]);
    const spec = await live(s);
    expect((spec as unknown as Spec).views.map((v) => v.key)).toContain('sla-breached');
    expect(role(spec, 'manager').workbench).toEqual(role(now.spec, 'manager').workbench);
    expect(role(spec, 'manager').workbench!.map((t) => t.ref)).toEqual(
      expect.arrayContaining(['sla-breached', 'lead-pool']),
    );
    expect(role(spec, 'supervisor').workbench).toEqual([{ type: 'view', ref: 'team-board' }]);
  });
});
