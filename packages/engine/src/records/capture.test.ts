import { afterEach, describe, expect, it } from 'vitest';
import type { AppSpec } from '@trellis/spec';
import { leadApp } from '../../test/fixtures/lead-app';
import { setup } from '../../test/fixtures/harness';

const l = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const lead = leadApp.entities[0]!;
const spec: AppSpec = {
  ...leadApp,
  entities: [
    {
      ...lead,
      fields: [
        ...lead.fields,
        {
          key: 'campaignCode',
          type: 'text',
          label: l('推广活动编码', 'Campaign code'),
          pattern: '^[a-z0-9]+(_[a-z0-9]+)*$',
        },
      ],
    },
    ...leadApp.entities.slice(1),
  ],
  forms: [
    {
      key: 'apply',
      entity: 'lead',
      label: l('报名', 'Apply'),
      public: true,
      slug: 'apply',
      sections: [{ fields: ['name', 'phone', 'campaignCode'] }],
      capture: ['utm_source', 'utm_campaign'],
      captureInto: { utm_campaign: 'campaignCode' },
      mode: 'merge',
    },
  ],
};

let ctx = setup(spec);
afterEach(() => {
  ctx.db.close();
  ctx = setup(spec);
});
const submit = (values: Record<string, unknown>, utmCampaign?: string, form = 'apply') =>
  ctx.engine.records.create('lead', values, {
    actor: { kind: 'public' },
    via: 'intake',
    mode: 'merge',
    touch: { kind: 'form', sourceKey: form, ...(utmCampaign ? { utmCampaign } : {}) },
  });
const code = (r: ReturnType<typeof submit>) => (r.ok ? r.record.campaignCode : r.error);

describe('form captureInto', () => {
  it('fills the campaign code from utm_campaign when the submission has none', () => {
    expect(code(submit({ name: '周杰', phone: '13800138001' }, 'dy_2026_spring_python'))).toBe(
      'dy_2026_spring_python',
    );
    // A code typed into the form wins over the link.
    expect(
      code(submit({ name: '林青', phone: '13800138002', campaignCode: 'wx_2026_x' }, 'dy_2026_a')),
    ).toBe('wx_2026_x');
    // Another source (a webhook, another form) is not affected.
    expect(code(submit({ name: '赵敏', phone: '13800138003' }, 'dy_2026_a', 'other'))).toBeNull();
  });

  it('fills an existing lead without a code on merge, never overwrites one', () => {
    const first = submit({ name: '周杰', phone: '13800138001' });
    expect(code(first)).toBeNull();
    const again = submit({ name: '周杰', phone: '13800138001' }, 'dy_2026_spring_python');
    expect(again.ok && again.merged).toBe(true);
    expect(code(again)).toBe('dy_2026_spring_python');
    expect(code(submit({ name: '周杰', phone: '13800138001' }, 'bd_2026_other'))).toBe(
      'dy_2026_spring_python',
    );
  });

  it('drops a captured value the field refuses instead of refusing the lead', () => {
    const r = submit({ name: '吴磊', phone: '13800138004' }, 'Spring Sale!');
    expect(r.ok).toBe(true);
    expect(code(r)).toBeNull();
  });
});
