import { describe, expect, it } from 'vitest';
import type { FormSpec } from '@trellis/spec';
import { leadApp } from '../../test/fixtures/lead-app';
import { publicFormProjection } from './public-form';

const l = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const form: FormSpec = {
  key: 'apply',
  entity: 'lead',
  public: true,
  slug: 'apply',
  label: l('报名', 'Apply'),
  sections: [
    {
      fields: [
        'name',
        'phone',
        { field: 'decisionCycle', visibleIf: { '==': [{ var: 'phone' }, null] } },
        'advisor',
        'company',
      ],
    },
  ],
  defaults: { source: 'website' },
  mode: 'merge',
  alertAfter: '3d',
  capture: ['utm_source', 'utm_campaign'],
  captureInto: { utm_campaign: 'orderNo' },
};
const entity = leadApp.entities[0]!;
const projection = publicFormProjection(leadApp, form, entity, { version: 3, honeypot: '_hp' });
const json = JSON.stringify(projection);

describe('publicFormProjection', () => {
  it('holds the placed fields that a visitor can fill, and their options', () => {
    expect(projection.entity.fields.map((f) => f.key)).toEqual(['name', 'phone', 'decisionCycle']);
    expect(json).toContain('"week"');
    expect(projection.form.capture).toEqual(['utm_source', 'utm_campaign']);
    expect(projection.form.sections[0]!.fields).toHaveLength(3);
  });

  it('leaks no other field, option, entity, role, pipeline or the form routing', () => {
    const placed = new Set(['name', 'phone', 'decisionCycle']);
    for (const f of entity.fields.filter((f) => !placed.has(f.key)))
      expect(json, f.key).not.toMatch(new RegExp(`"${f.key}"`));
    for (const value of ['douyin', 'referral', 'hot', 'price', 'account', 'lead-sales', 'merge'])
      expect(json, value).not.toContain(`"${value}"`);
    for (const word of ['defaults', 'captureInto', 'alertAfter', 'mode', 'pipelines', 'roles'])
      expect(json, word).not.toContain(`"${word}"`);
    expect(json).not.toContain('线索');
  });

  it('leaves archived options and builder notes out', () => {
    const withArchived = {
      ...leadApp,
      entities: [
        {
          ...entity,
          fields: entity.fields.map((f) =>
            f.key === 'decisionCycle' && f.type === 'select'
              ? {
                  ...f,
                  description: l('内部', 'internal'),
                  options: [
                    ...f.options,
                    { value: 'never', label: l('不买', 'Never'), archived: true },
                  ],
                }
              : f,
          ),
        },
      ],
    };
    const p = publicFormProjection(withArchived, form, withArchived.entities[0]!, {
      version: 1,
      honeypot: '_hp',
    });
    const text = JSON.stringify(p);
    expect(text).not.toContain('never');
    expect(text).not.toContain('internal');
  });
});
