import { describe, expect, it } from 'vitest';
import { runtimeFor } from '@trellis/forms';
import type { AppSpec } from '@trellis/spec';
import { previewRuntime } from './preview-runtime';

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
        { key: 'receipt', type: 'text', label: { en: 'Receipt' }, maxLength: 8 },
        { key: 'phone', type: 'phone', label: { en: 'Phone' } },
        { key: 'email', type: 'email', label: { en: 'Email' } },
        { key: 'age', type: 'number', integer: true, label: { en: 'Age' }, min: 3, max: 18 },
        { key: 'site', type: 'url', label: { en: 'Site' } },
        { key: 'start', type: 'date', label: { en: 'Start' } },
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
            'phone',
            'email',
            'age',
            'site',
            'start',
          ],
        },
      ],
    },
  ],
} as unknown as AppSpec;

describe('the form preview runtime', () => {
  // The server's errors come from the entity's compiled schema (ajv); the preview may not compile.
  const server = runtimeFor(spec, { form: 'enroll' });
  const preview = previewRuntime(spec, 'enroll');
  const errorsOf = (
    runtime: typeof server,
    values: Record<string, unknown>,
    locale: 'en' | 'zh-CN',
  ) => {
    if ('error' in runtime) throw new Error(runtime.error);
    return runtime.check(values, locale).errors.map((e) => [e.path, e.code, e.message]);
  };
  it.each([
    [{ paid: true }],
    [{ name: 'Li', paid: true, receipt: 'R-2026-000001' }],
    [{ name: 'Li', phone: '138 0013', email: 'li@', age: '12.5', site: 'example.com' }],
    [{ name: 'Li', age: '40', start: '2026-02-30' }],
    [{ name: 'Li', age: 'ten', start: 'soon' }],
  ] as const)('refuses what the server refuses, in its words (%j)', (values) => {
    for (const locale of ['en', 'zh-CN'] as const) {
      const want = errorsOf(server, values, locale);
      expect(want.length).toBeGreaterThan(0);
      expect(errorsOf(preview, values, locale)).toEqual(want);
    }
  });

  it('shows a number out of range and a bad date next to their fields', () => {
    expect(errorsOf(preview, { name: 'Li', age: '40', start: '2026-02-30' }, 'en')).toEqual([
      ['/age', 'maximum', '"Age" can be at most 18'],
      ['/start', 'format', '"Start" is not a valid date (for example 2026-03-01)'],
    ]);
    expect(errorsOf(preview, { name: 'Li', age: '12', start: '2026-03-01' }, 'en')).toEqual([]);
  });

  it('builds the runtime of a draft form with its conditions, or names what is missing', () => {
    const runtime = previewRuntime(spec, 'enroll');
    if ('error' in runtime) throw new Error(runtime.error);
    expect(runtime.layout.sections[0]!.fields).toEqual([
      'name',
      'paid',
      'receipt',
      'phone',
      'email',
      'age',
      'site',
      'start',
    ]);
    expect(previewRuntime(spec, 'nope')).toEqual({ error: expect.stringContaining('nope') });
  });
});
