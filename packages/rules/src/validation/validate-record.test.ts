import { describe, expect, it } from 'vitest';
import { leadApp } from '../../test/fixtures/lead-app';
import { normalizeInput } from '../normalize/normalize-input';
import { createSpecModel } from '../model/spec-model';
import { validateRecord } from './validate-record';

const spec = createSpecModel(leadApp, 1);
const model = spec.entity('lead')!;
const now = Date.UTC(2026, 0, 5);

function check(values: Record<string, unknown>, locale: 'en' | 'zh-CN' = 'en') {
  const n = normalizeInput(model, { name: 'Li Lei', ...values }, { locale, via: 'import' });
  return [...n.errors, ...validateRecord(model, n.values, { locale, now }, n.invalid)];
}
const codes = (values: Record<string, unknown>) => check(values).map((e) => `${e.path} ${e.code}`);

describe('validateRecord: every field type, good and bad', () => {
  const good: [string, unknown][] = [
    ['name', 'Li Lei'],
    ['notes', 'long\ntext'],
    ['email', 'li@example.com'],
    ['phone', '+8613800138000'],
    ['site', 'https://example.com/a'],
    ['age', 12],
    ['discount', 12.5],
    ['budget', 1999900],
    ['birthday', '2015-03-07'],
    ['nextCallAt', Date.UTC(2026, 0, 6)],
    ['vip', false],
    ['source', 'douyin'],
    ['tags', ['hot', 'adult']],
    ['company', 'acc-1'],
    ['advisor', 'user-1'],
    ['attachments', [{ id: 'f1', name: 'a.pdf', size: 10, mime: 'application/pdf' }]],
    ['city', '330100'],
  ];
  it.each(good)('accepts a good %s', (key, value) => {
    expect(check({ [key]: value, guardian: 'Mum' })).toEqual([]);
  });

  const bad: [string, unknown, string][] = [
    ['name', 'x'.repeat(51), '/name maxLength'],
    ['notes', 'x'.repeat(2001), '/notes maxLength'],
    ['email', 'not-an-email', '/email invalid_email'],
    ['phone', '12345', '/phone invalid_phone'],
    ['site', 'ftp://example.com', '/site pattern'],
    ['age', 12.5, '/age type'],
    ['age', 120, '/age maximum'],
    ['discount', 'lots', '/discount type'],
    ['budget', 10.5, '/budget type'],
    ['budget', -1, '/budget minimum'],
    ['birthday', '2026-02-30', '/birthday format'],
    ['nextCallAt', 'tomorrow', '/nextCallAt type'],
    ['vip', 'maybe', '/vip type'],
    ['source', 'tv', '/source enum'],
    ['tags', ['hot', 'parent', 'adult'], '/tags maxItems'],
    ['tags', ['cold'], '/tags/0 enum'],
    ['company', 42, '/company type'],
    ['advisor', { id: 1 }, '/advisor type'],
    ['attachments', [{ name: 'a.pdf' }], '/attachments/0/id required'],
    ['city', 'Hangzhou', '/city invalid_region'],
    ['city', '330106', '/city invalid_region'],
  ];
  it.each(bad)('refuses a bad %s (%j)', (key, value, expected) => {
    expect(codes({ [key]: value, guardian: 'Mum' })).toContain(expected);
  });

  it('requires required fields and localizes the message', () => {
    expect(check({ name: '  ' }, 'zh-CN')).toEqual([
      { path: '/name', code: 'required', message: '“姓名”为必填项', params: { label: '姓名' } },
    ]);
    expect(check({ name: null })[0]!.message).toBe('"Name" is required');
  });

  it("says what is wrong in words, with the limit, not in the validator's terms", () => {
    expect(check({ age: 120 }, 'zh-CN')[0]!.message).toBe('“年龄”不能大于 99');
    expect(check({ age: 120 }, 'en')[0]!.message).toBe('"Age" can be at most 99');
    expect(check({ budget: -1 }, 'en')[0]!.message).toBe('"Budget" must be at least ¥0.00');
    expect(check({ budget: 10.5 }, 'zh-CN')[0]!.message).toBe('“预算”的金额最小到分');
    expect(check({ birthday: '2026-02-30' }, 'zh-CN')[0]!.message).toBe(
      '“生日”不是有效的日期（例如 2026-03-01）',
    );
  });

  // ajv's own wording, in English or through ajv-i18n's Chinese.
  const validatorWords =
    /must (NOT|match|be (<|>|=|integer|equal|string|number|boolean|array))|应当|不应/;
  it.each(bad.flatMap(([key, value]) => (['zh-CN', 'en'] as const).map((l) => [key, value, l])))(
    'names the field and the problem for a bad %s (%j, %s)',
    (key, value, locale) => {
      const errors = check({ [key as string]: value, guardian: 'Mum' }, locale as 'en');
      const field = model.fields.get(key as string)!;
      const label = field.label[locale as 'en']!;
      expect(errors.length).toBeGreaterThan(0);
      for (const e of errors) {
        expect(e.message).toContain(locale === 'en' ? `"${label}"` : `“${label}”`);
        expect(e.message).not.toMatch(validatorWords);
      }
    },
  );

  it('applies requiredIf only when its condition holds', () => {
    expect(codes({ age: 12 })).toEqual(['/guardian requiredIf']);
    expect(codes({ age: 30 })).toEqual([]);
    expect(codes({ age: 12, guardian: 'Mum' })).toEqual([]);
  });

  it('compiles each entity schema once per spec version, at its first validation', () => {
    const fresh = createSpecModel(leadApp, 2);
    // A read builds the model and never validates: nothing compiles for it.
    fresh.entity('lead');
    fresh.entity('account');
    expect(fresh.compiledCount()).toBe(0);
    const results = Array.from({ length: 5 }, () =>
      validateRecord(fresh.entity('lead')!, { name: 'x', age: 120 }, { locale: 'en', now }),
    );
    expect(fresh.compiledCount()).toBe(1);
    // The errors of the first call (which compiled) are those of the later ones.
    expect(results[0]).toEqual(results[4]);
    expect(results[0]!.length).toBeGreaterThan(0);
  });
});
