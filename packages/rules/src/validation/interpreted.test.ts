import { describe, expect, it } from 'vitest';
import { leadApp } from '../../test/fixtures/lead-app';
import { normalizeInput } from '../normalize/normalize-input';
import { createSpecModel } from '../model/spec-model';
import type { EntityModel } from '../model/entity-model';
import { buildEntitySchema } from './entity-schema';
import { interpretedValidator } from './interpreted';
import { validateRecord } from './validate-record';

const now = Date.UTC(2026, 0, 5);
const compiled = createSpecModel(leadApp, 1).entity('lead')!;
const interpreted = createSpecModel(leadApp, 1, undefined, (key) =>
  interpretedValidator(buildEntitySchema(leadApp.entities.find((e) => e.key === key)!)),
).entity('lead')!;

function check(model: EntityModel, values: Record<string, unknown>, locale: 'en' | 'zh-CN') {
  const n = normalizeInput(model, values, { locale, via: 'ui' });
  return [...n.errors, ...validateRecord(model, n.values, { locale, now }, n.invalid)];
}

// Every field type of the fixture, with values each keyword of its value schema refuses.
const records: Record<string, unknown>[] = [
  { name: 'Li Lei', guardian: 'Mum' },
  {},
  { name: 'x'.repeat(51), notes: 'x'.repeat(2001), email: 'not-an-email', phone: '12345' },
  { name: 'Li', site: 'ftp://example.com', age: 12.5, discount: 'lots', budget: 10.5 },
  { name: 'Li', site: 'https://example.com/a', age: 120, budget: -1, birthday: '2026-02-30' },
  { name: 'Li', birthday: '2015-03-07', nextCallAt: 'tomorrow', vip: 'maybe', source: 'tv' },
  { name: 'Li', tags: ['hot', 'parent', 'adult'], company: 42, advisor: { id: 1 } },
  { name: 'Li', tags: ['cold'], attachments: [{ name: 'a.pdf' }], city: 'Hangzhou' },
  { name: 'Li', tags: ['hot', 'hot'], attachments: [{ id: 'f1', name: 'a.pdf', size: -1 }] },
  { name: 'Li', age: 12, city: '330106', birthday: '2015-13-01', site: 'https:// x' },
];

describe('interpretedValidator: the same errors as the compiled (ajv) validator', () => {
  it.each(records.flatMap((r, i) => (['en', 'zh-CN'] as const).map((l) => [i, l, r] as const)))(
    'record %i (%s)',
    (_i, locale, record) => {
      const want = check(compiled, record, locale);
      expect(check(interpreted, record, locale)).toEqual(want);
    },
  );

  it('refuses what ajv refuses (the cases above are not all valid)', () => {
    const refused = records.filter((r) => check(compiled, r, 'en').length > 0);
    expect(refused.length).toBeGreaterThanOrEqual(records.length - 1);
    for (const r of refused) expect(check(interpreted, r, 'en').length).toBeGreaterThan(0);
  });

  it('evaluates no code (works where a content security policy forbids eval)', () => {
    const original = globalThis.Function;
    const forbid = function () {
      throw new EvalError('code generation from strings disallowed');
    } as unknown as FunctionConstructor;
    globalThis.Function = forbid;
    try {
      const v = interpretedValidator(buildEntitySchema(leadApp.entities[0]!));
      expect(v({ name: 1 })).toBe(false);
      expect(v.errors?.[0]).toMatchObject({ keyword: 'type', instancePath: '/name' });
    } finally {
      globalThis.Function = original;
    }
  });
});
