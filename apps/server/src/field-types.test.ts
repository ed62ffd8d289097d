import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { FieldSpec } from '@trellis/spec';
import { FIELD_TYPES, fieldTypeOf } from '@trellis/spec';
import { describe, expect, it } from 'vitest';
import { serverFieldType } from './field-types';
import { coerceFormValue } from './intake/coerce';

const ajv = addFormats(new Ajv2020({ strict: false }));

/** A minimal field of each type, with the settings some types require. */
function fieldOf(type: (typeof FIELD_TYPES)[number], extra: Record<string, unknown> = {}) {
  return {
    key: 'f',
    type,
    label: { 'zh-CN': '字段', en: 'Field' },
    options: [{ value: 'a', label: 'A' }],
    entity: 'lead',
    resultType: 'number',
    expression: { var: 'x' },
    ...extra,
  } as unknown as FieldSpec;
}

describe('server field type registry', () => {
  it('has an entry for every field type whose example satisfies the value schema', () => {
    for (const type of FIELD_TYPES) {
      for (const multiple of [false, true]) {
        const field = fieldOf(type, { multiple });
        const entry = serverFieldType(field);
        expect(entry, type).toBeDefined();
        const example = entry.example(field, 'en');
        const valid = ajv.validate(fieldTypeOf(field).valueSchema(field as never), example);
        expect(valid, `${type} multiple=${multiple}: ${JSON.stringify(example)}`).toBe(true);
      }
    }
  });

  it('refuses a type it does not know instead of passing a form string through or guessing an example', () => {
    for (const type of ['rating', 'toString', '__proto__']) {
      const field = { ...fieldOf('text'), key: 'score', type } as unknown as FieldSpec;
      expect(() => coerceFormValue(field, '5'), type).toThrow(new RegExp(`"${type}".*score`));
      expect(() => serverFieldType(field).example(field, 'en'), type).toThrow(/score/);
    }
  });

  it('coerces form strings by type and passes through what does not parse', () => {
    expect(coerceFormValue(fieldOf('money'), '12.34')).toBe(1234);
    expect(coerceFormValue(fieldOf('money'), 'abc')).toBe('abc');
    expect(coerceFormValue(fieldOf('number'), ' 7 ')).toBe(7);
    expect(coerceFormValue(fieldOf('boolean'), 'ON')).toBe(true);
    expect(coerceFormValue(fieldOf('boolean'), 'no')).toBe(false);
    expect(coerceFormValue(fieldOf('boolean'), 'maybe')).toBe('maybe');
    expect(coerceFormValue(fieldOf('datetime'), '2026-01-05T00:00:00Z')).toBe(1767571200000);
    expect(coerceFormValue(fieldOf('text'), '  ')).toBeNull();
    expect(coerceFormValue(fieldOf('multiselect'), ['a, b', 'c', ''])).toEqual(['a', 'b', 'c']);
    expect(coerceFormValue(fieldOf('relation', { multiple: true }), 'x,y')).toEqual(['x', 'y']);
    expect(coerceFormValue(fieldOf('relation'), ['x', 'y'])).toBe('x');
  });
});
