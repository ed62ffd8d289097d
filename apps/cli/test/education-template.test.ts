import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { evaluate } from '@trellis/logic';
import { validateSpec, type AppSpec } from '@trellis/spec';
import { beforeAll, describe, expect, it } from 'vitest';
import { bundleTemplate } from '@trellis/server';
import { REPO_ROOT, trellis } from './run-cli';
import { routeLead } from './routing';

const FOLDER = join(REPO_ROOT, 'templates', 'education');
let spec: AppSpec;

beforeAll(() => {
  const bundle = bundleTemplate(FOLDER, { locale: 'en' });
  if (!bundle.ok) throw new Error(JSON.stringify(bundle.errors));
  spec = bundle.spec as unknown as AppSpec;
});

const label = (map: unknown, locale: 'zh-CN' | 'en') => (map as Record<string, string>)[locale];

describe('templates/education', () => {
  it('validates with zero errors in both locales, through the real CLI', async () => {
    expect(validateSpec(spec, { locale: 'en' })).toEqual({ ok: true, errors: [] });
    for (const locale of ['zh-CN', 'en']) {
      const run = await trellis([
        'spec',
        'validate',
        'templates/education',
        '--json',
        '--locale',
        locale,
      ]);
      expect(run.code).toBe(0);
      expect(run.stdout).toBe('{"ok":true,"errors":[]}\n');
    }
  });

  // The b2b-sales template too: both bundled templates give editors the same help.
  it.each(['education', 'b2b-sales'])(
    'points every part file of %s at the generated part metaschema, and lists every spec file',
    (name) => {
      const FOLDER = join(REPO_ROOT, 'templates', name);
      const manifest = JSON.parse(readFileSync(join(FOLDER, 'template.json'), 'utf8')) as {
        spec: string[];
      };
      const onDisk = readdirSync(join(FOLDER, 'spec')).map((f) => `spec/${f}`);
      expect([...manifest.spec].sort()).toEqual(onDisk.sort());
      const partSchema = join(REPO_ROOT, 'packages', 'spec', 'app-spec-part.schema.json');
      expect(existsSync(partSchema)).toBe(true);
      for (const file of manifest.spec) {
        const part = JSON.parse(readFileSync(join(FOLDER, file), 'utf8')) as { $schema?: string };
        expect(part.$schema, file).toBeDefined();
        expect(resolve(dirname(join(FOLDER, file)), part.$schema!), file).toBe(partSchema);
      }
    },
  );

  it('has the five stages of the article in order, then lost, with loss reasons', () => {
    const pipeline = spec.pipelines?.find((p) => p.entity === 'lead');
    expect(pipeline).toBeDefined();
    const stages = pipeline!.stages;
    expect(stages.map((s) => label(s.label, 'zh-CN'))).toEqual([
      '潜在客户',
      '需求确认',
      '试听预约',
      '报价沟通',
      '成交',
      '已流失',
    ]);
    expect(stages.map((s) => s.category)).toEqual(['open', 'open', 'open', 'open', 'won', 'lost']);
    expect(stages.at(-1)?.requires).toEqual(['lossReason']);
    const lossReason = spec.entities[0]!.fields.find((f) => f.key === pipeline!.lossReasonField);
    const reasons =
      lossReason && 'options' in lossReason
        ? lossReason.options.map((o) => label(o.label, 'zh-CN'))
        : [];
    expect(reasons).toEqual(expect.arrayContaining(['价格高', '时间冲突']));
  });

  it('asks for the article’s 5–8 core fields: name, phone and channel on entry, course, budget and decision cycle by 需求确认', () => {
    const lead = spec.entities.find((e) => e.key === 'lead')!;
    const onEntry = lead.fields.filter((f) => f.required === true).map((f) => f.key);
    const qualified = spec.pipelines
      ?.find((p) => p.entity === 'lead')
      ?.stages.find((s) => s.key === 'qualified')?.requires;
    const core = [...onEntry, ...(qualified ?? [])];
    expect(core).toEqual(['name', 'phone', 'source', 'course', 'budgetRange', 'decisionCycle']);
    expect(core.length).toBeGreaterThanOrEqual(5);
    expect(core.length).toBeLessThanOrEqual(8);
  });

  it('gates the stages: needs before 需求确认, a trial class before 报价沟通, a quote with attachment before 成交', () => {
    const stages = Object.fromEntries(spec.pipelines![0]!.stages.map((s) => [s.key, s]));
    expect(stages.qualified?.requires).toEqual(['course', 'budgetRange', 'decisionCycle']);
    expect(stages.quoted?.evidence).toEqual([
      { activityType: 'trial-class', withAttachment: false, label: expect.any(Object) },
    ]);
    expect(stages.won?.evidence).toEqual([
      { activityType: 'quote', withAttachment: true, label: expect.any(Object) },
    ]);
    expect(stages.trial?.requires).toEqual(['trialAt']);
    expect(evaluate(stages.won!.enterIf, { quotedAmount: 1280000 })).toBe(true);
    expect(evaluate(stages.won!.enterIf, { quotedAmount: 0 })).toBe(false);
  });

  it('raises the 48 h no-contact SLA to the owner and the owner’s supervisor on every open stage', () => {
    for (const stage of spec.pipelines![0]!.stages.filter((s) => s.category === 'open')) {
      expect(stage.sla, stage.key).toMatchObject({
        noActivityFor: '48h',
        notify: ['owner', 'owner.supervisor'],
      });
    }
    const reminder = spec.automations?.find((a) => a.on.type === 'sla.breached');
    expect(reminder?.do[0]).toMatchObject({ type: 'notify', to: ['owner', 'owner.supervisor'] });
  });

  it('has a public, phone-first lead form that captures UTM parameters, referrer and landing URL', () => {
    const publicForms = (spec.forms ?? []).filter((f) => f.public);
    expect(publicForms.map((f) => f.slug)).toEqual(['apply', 'dy']);
    for (const form of publicForms) {
      expect(form.entity).toBe('lead');
      expect(form.capture).toEqual([
        'utm_source',
        'utm_medium',
        'utm_campaign',
        'utm_content',
        'utm_term',
        'referrer',
        'landing_url',
      ]);
      const first = form.sections[0]!.fields[0]!;
      expect(typeof first === 'string' ? first : first.field).toBe('phone');
      expect(label(form.successMessage, 'zh-CN')).toBeTruthy();
      expect(label(form.successMessage, 'en')).toBeTruthy();
    }
    expect(publicForms.map((f) => f.defaults?.source)).toEqual(['website', 'douyin']);
  });

  it('routes new leads like the article: Python to the tech team round robin, other courses by city, else the sales team', () => {
    const python = spec.automations?.find((a) => a.key === 'route-python');
    expect(python?.on).toEqual({ type: 'record.created', entity: 'lead' });
    expect(python?.do[0]).toMatchObject({ type: 'assign', strategy: 'roundRobin', team: 'tech' });
    expect(routeLead(spec, { course: 'python', city: '310100', ownerId: null })).toBe('tech');
    expect(routeLead(spec, { course: 'dataAnalysis', city: '330100', ownerId: null })).toBe('tech');
    expect(routeLead(spec, { course: 'uiDesign', city: '330100', ownerId: null })).toBe('design');
    expect(routeLead(spec, { course: 'java', city: '330106', ownerId: null })).toBe('hangzhou');
    expect(routeLead(spec, { course: 'newMedia', city: '310100', ownerId: null })).toBe('shanghai');
    expect(routeLead(spec, { course: 'java', city: '440300', ownerId: null })).toBe('sales');
    expect(routeLead(spec, { course: null, city: null, ownerId: null })).toBe('sales');
    // A lead a rep typed in themselves keeps its owner: no routing rule matches.
    expect(routeLead(spec, { course: 'python', city: '330100', ownerId: 'u1' })).toBeNull();
  });

  it('moves a lead to 报价沟通 when a trial class is logged and tells its course advisor', () => {
    const rule = spec.automations?.find((a) => a.key === 'trial-done-advance');
    expect(rule?.on).toMatchObject({ entity: 'lead', activityType: 'trial-class' });
    expect(evaluate(rule!.if, { stage: 'trial' })).toBe(true);
    expect(evaluate(rule!.if, { stage: 'quoted' })).toBe(false);
    expect(rule?.do.map((a) => a.type)).toEqual(['moveStage', 'notify', 'createTask']);
    expect(rule?.do[1]).toMatchObject({ to: ['field:courseAdvisor'] });
  });

  it('labels everything in zh-CN and en', () => {
    const missing: string[] = [];
    const walk = (value: unknown, path: string): void => {
      if (Array.isArray(value)) return value.forEach((v, i) => walk(v, `${path}/${i}`));
      if (typeof value !== 'object' || value === null) return;
      const record = value as Record<string, unknown>;
      if ('zh-CN' in record || 'en' in record) {
        if (!record['zh-CN'] || !record.en) missing.push(path);
        return;
      }
      for (const [key, child] of Object.entries(record))
        if (!['expression', 'if', 'filter', 'query', 'values'].includes(key))
          walk(child, `${path}/${key}`);
    };
    walk(spec, '');
    expect(missing).toEqual([]);
    expect(
      spec.entities.every((e) =>
        e.fields.every((f) => label(f.label, 'zh-CN') && label(f.label, 'en')),
      ),
    ).toBe(true);
  });

  it('gives marketing no phone numbers and sales read-only attribution fields', () => {
    const roles = Object.fromEntries((spec.roles ?? []).map((r) => [r.key, r]));
    expect(Object.keys(roles)).toEqual([
      'admin',
      'manager',
      'supervisor',
      'sales',
      'advisor',
      'marketing',
    ]);
    expect(roles.marketing?.fields?.lead).toMatchObject({ phone: 'hidden', wechatId: 'hidden' });
    expect(roles.marketing?.capabilities).toContain('viewReports');
    expect(roles.sales?.entities.lead).toEqual({
      create: true,
      read: 'own+pool',
      update: 'own',
      delete: 'none',
    });
    expect(roles.sales?.fields?.lead).toMatchObject({
      source: 'readonly',
      campaignCode: 'readonly',
    });
    expect(roles.manager?.entities.lead?.read).toBe('all');
    expect(roles.supervisor?.entities.lead?.read).toBe('team+pool');
  });
});
