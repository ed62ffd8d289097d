import { describe, expect, it } from 'vitest';
import type { AppSpec } from '@trellis/spec';
import { describeStep, describeWarning } from './describe';
import type { PlanWarning } from './types';

const SPEC = {
  specVersion: 1,
  name: { en: 'School' },
  locales: ['zh-CN', 'en'],
  defaultLocale: 'zh-CN',
  entities: [
    {
      key: 'lead',
      label: { 'zh-CN': '线索', en: 'Lead' },
      titleField: 'name',
      fields: [
        { key: 'name', type: 'text', label: { 'zh-CN': '姓名', en: 'Name' } },
        { key: 'phone', type: 'phone', label: { 'zh-CN': '手机号', en: 'Phone' } },
        { key: 'wechatId', type: 'text', label: { 'zh-CN': '微信号', en: 'WeChat ID' } },
        {
          key: 'course',
          type: 'select',
          label: { 'zh-CN': '课程', en: 'Course' },
          options: [{ value: 'uiDesign', label: { 'zh-CN': 'UI 设计', en: 'UI design' } }],
        },
      ],
    },
  ],
  pipelines: [
    {
      key: 'sales',
      entity: 'lead',
      stages: [{ key: 'qualified', label: { 'zh-CN': '需求确认', en: 'Needs confirmed' } }],
    },
  ],
} as unknown as AppSpec;

const en = (l: unknown, fallback: string) =>
  (l as Record<string, string> | undefined)?.['en'] ?? fallback;
const warning = (w: Partial<PlanWarning>): PlanWarning => ({
  id: 'x',
  code: 'required_missing',
  entity: 'lead',
  counts: { affected: 1234, total: 5000 },
  message: { 'zh-CN': '', en: '' },
  blocking: false,
  resolutions: [],
  ...w,
});

describe('plan warnings named as people know them', () => {
  it('names the stage and the field by their labels', () => {
    expect(
      describeWarning(
        warning({ code: 'stage_requires_missing', field: 'wechatId', stage: 'qualified' }),
        SPEC,
        en,
      ),
    ).toEqual({
      key: 'warningText.stage_requires_missing',
      params: {
        entity: 'Lead',
        field: 'WeChat ID',
        option: '',
        stage: 'Needs confirmed',
        count: '1,234',
      },
    });
  });

  it('names an option by its label and each field of an identity key', () => {
    expect(
      describeWarning(
        warning({ code: 'option_removed', field: 'course', option: 'uiDesign' }),
        SPEC,
        en,
      ).params,
    ).toMatchObject({ field: 'Course', option: 'UI design' });
    expect(
      describeWarning(warning({ code: 'identity_duplicates', field: 'phone+name' }), SPEC, en)
        .params['field'],
    ).toBe('Phone + Name');
  });

  it('keeps the key of something the spec no longer has', () => {
    expect(
      describeWarning(warning({ code: 'field_removed', field: 'budget' }), SPEC, en).params[
        'field'
      ],
    ).toBe('budget');
  });

  it('names the option of a remap step by its label', () => {
    expect(
      describeStep(
        { kind: 'remapOption', entity: 'lead', field: 'course', option: 'uiDesign', records: 3 },
        SPEC,
        en,
      ).params,
    ).toMatchObject({ field: 'Course', option: 'UI design', count: 3 });
  });
});
