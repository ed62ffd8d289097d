import { describe, expect, it } from 'vitest';
import type { AppSpec } from '@trellis/spec';
import { previewRuntime, requiredOnlyValidator } from './preview-runtime';

const spec = {
  specVersion: 1,
  name: { en: 'Test' },
  locales: ['zh-CN', 'en'],
  defaultLocale: 'zh-CN',
  entities: [
    {
      key: 'enrollment',
      label: { en: 'Enrollment' },
      titleField: 'name',
      fields: [
        { key: 'name', type: 'text', required: true, label: { en: 'Name' } },
        { key: 'paid', type: 'boolean', label: { en: 'Paid' } },
        { key: 'receipt', type: 'text', label: { en: 'Receipt' } },
      ],
    },
  ],
  forms: [
    {
      key: 'enroll',
      entity: 'enrollment',
      label: { en: 'Enroll' },
      sections: [
        {
          fields: [
            'name',
            'paid',
            { field: 'receipt', visibleIf: { '==': [{ var: 'paid' }, true] } },
          ],
        },
      ],
    },
  ],
} as unknown as AppSpec;

describe('the form preview runtime', () => {
  it('reports missing required fields the way ajv does', () => {
    const validate = requiredOnlyValidator(spec.entities[0]!);
    expect(validate({ paid: true })).toBe(false);
    expect(validate.errors).toEqual([
      expect.objectContaining({ keyword: 'required', params: { missingProperty: 'name' } }),
    ]);
    expect(validate({ name: 'Li' })).toBe(true);
  });

  it('builds the runtime of a draft form with its conditions, or names what is missing', () => {
    const runtime = previewRuntime(spec, 'enroll');
    if ('error' in runtime) throw new Error(runtime.error);
    expect(runtime.layout.sections[0]!.fields).toEqual(['name', 'paid', 'receipt']);
    expect(previewRuntime(spec, 'nope')).toEqual({ error: expect.stringContaining('nope') });
  });
});
