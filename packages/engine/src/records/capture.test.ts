import { afterAll, afterEach, describe, expect, it } from 'vitest';
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
                options: [
                  ...f.options.map((o) =>
                    o.value === 'douyin' ? { ...o, aliases: ['dy', 'TikTok'] } : o,
                  ),
                  // Kept for old records: never chosen for a new submission.
                  { value: 'wechat', label: l('微信', 'WeChat'), aliases: ['wx'], archived: true },
                ],
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

let ctx = await setup(spec);
afterEach(async () => {
  await ctx.store.close();
  ctx = await setup(spec);
});
// The store the last test's clean-up opened.
afterAll(() => ctx.store.close());
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
const source = (r: Awaited<ReturnType<typeof submit>>) => (r.ok ? r.record.source : r.error);
const code = (r: Awaited<ReturnType<typeof submit>>) => (r.ok ? r.record.campaignCode : r.error);

describe('form captureInto', () => {
  it('fills the campaign code from utm_campaign when the submission has none', async () => {
    expect(
      code(await submit({ name: '周杰', phone: '13800138001' }, 'dy_2026_spring_python')),
    ).toBe('dy_2026_spring_python');
    // A code typed into the form wins over the link.
    expect(
      code(
        await submit(
          { name: '林青', phone: '13800138002', campaignCode: 'wx_2026_x' },
          'dy_2026_a',
        ),
      ),
    ).toBe('wx_2026_x');
    // Another source (a webhook, another form) is not affected.
    expect(
      code(await submit({ name: '赵敏', phone: '13800138003' }, 'dy_2026_a', 'other')),
    ).toBeNull();
  });

  it('fills an existing lead without a code on merge, never overwrites one', async () => {
    const first = await submit({ name: '周杰', phone: '13800138001' });
    expect(code(first)).toBeNull();
    const again = await submit({ name: '周杰', phone: '13800138001' }, 'dy_2026_spring_python');
    expect(again.ok && again.merged).toBe(true);
    expect(code(again)).toBe('dy_2026_spring_python');
    expect(code(await submit({ name: '周杰', phone: '13800138001' }, 'bd_2026_other'))).toBe(
      'dy_2026_spring_python',
    );
  });

  it('drops a captured value the field refuses instead of refusing the lead', async () => {
    const r = await submit({ name: '吴磊', phone: '13800138004' }, 'Spring Sale!');
    expect(r.ok).toBe(true);
    expect(code(r)).toBeNull();
  });

  it('maps utm_source to the channel option by value or alias, ahead of the form default', async () => {
    const from = async (values: Record<string, unknown>, utmSource?: string) =>
      source(await submit(values, undefined, 'apply', utmSource));
    expect(await from({ name: '甲', phone: '13800138011' }, 'douyin')).toBe('douyin');
    // Aliases match without regard to case: utm_source=dy and =tiktok are Douyin too.
    expect(await from({ name: '乙', phone: '13800138012' }, 'DY')).toBe('douyin');
    expect(await from({ name: '丙', phone: '13800138013' }, 'tiktok')).toBe('douyin');
    // A source no option knows leaves the field to the form's default, and no link at all too.
    expect(await from({ name: '丁', phone: '13800138014' }, 'bing')).toBe('website');
    expect(await from({ name: '戊', phone: '13800138015' })).toBe('website');
    // An archived option is not chosen by its value or its alias.
    expect(await from({ name: '庚', phone: '13800138017' }, 'WeChat')).toBe('website');
    expect(await from({ name: '辛', phone: '13800138018' }, 'wx')).toBe('website');
    // What the visitor chose wins over the link.
    expect(await from({ name: '己', phone: '13800138016', source: 'referral' }, 'dy')).toBe(
      'referral',
    );
  });
});
