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
        ...lead.fields.map((f) =>
          f.type === 'select' && f.key === 'source'
            ? {
                ...f,
                options: f.options.map((o) =>
                  o.value === 'douyin' ? { ...o, aliases: ['dy', 'TikTok'] } : o,
                ),
              }
            : f,
        ),
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
      captureInto: { utm_campaign: 'campaignCode', utm_source: 'source' },
      defaults: { source: 'website' },
      mode: 'merge',
    },
  ],
};

let ctx = setup(spec);
afterEach(() => {
  ctx.db.close();
  ctx = setup(spec);
});
const submit = (
  values: Record<string, unknown>,
  utmCampaign?: string,
  form = 'apply',
  utmSource?: string,
) =>
  ctx.engine.records.create('lead', values, {
    actor: { kind: 'public' },
    via: 'intake',
    mode: 'merge',
    touch: {
      kind: 'form',
      sourceKey: form,
      ...(utmCampaign ? { utmCampaign } : {}),
      ...(utmSource ? { utmSource } : {}),
    },
  });
const source = (r: ReturnType<typeof submit>) => (r.ok ? r.record.source : r.error);
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

  it('maps utm_source to the channel option by value or alias, ahead of the form default', () => {
    expect(source(submit({ name: '甲', phone: '13800138011' }, undefined, 'apply', 'douyin'))).toBe(
      'douyin',
    );
    // Aliases match without regard to case: utm_source=dy and =tiktok are Douyin too.
    expect(source(submit({ name: '乙', phone: '13800138012' }, undefined, 'apply', 'DY'))).toBe(
      'douyin',
    );
    expect(source(submit({ name: '丙', phone: '13800138013' }, undefined, 'apply', 'tiktok'))).toBe(
      'douyin',
    );
    // A source no option knows leaves the field to the form's default, and no link at all too.
    expect(source(submit({ name: '丁', phone: '13800138014' }, undefined, 'apply', 'bing'))).toBe(
      'website',
    );
    expect(source(submit({ name: '戊', phone: '13800138015' }))).toBe('website');
    // What the visitor chose wins over the link.
    expect(
      source(
        submit({ name: '己', phone: '13800138016', source: 'referral' }, undefined, 'apply', 'dy'),
      ),
    ).toBe('referral');
  });
});
