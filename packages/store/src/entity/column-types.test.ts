import { FIELD_TYPES, FORMULA_RESULT_TYPES } from '@trellis/spec';
import { describe, expect, it } from 'vitest';
import { columnKind } from './column-types';

describe('column kinds', () => {
  it('has a column kind for every field type of the spec', () => {
    for (const type of FIELD_TYPES) {
      // A formula needs its result type (the validator requires one): each is checked below.
      const kind = columnKind({
        key: 'f',
        type,
        ...(type === 'formula' ? { resultType: 'text' } : {}),
      });
      expect(['text', 'real', 'integer'], type).toContain(kind.sqlType);
    }
    for (const resultType of FORMULA_RESULT_TYPES) {
      const kind = columnKind({ key: 'f', type: 'formula', resultType });
      expect(['text', 'real', 'integer'], resultType).toContain(kind.sqlType);
    }
  });

  it('stores multiple references as JSON and single ones as text', () => {
    expect(columnKind({ key: 'f', type: 'relation', multiple: true }).codec).toBe('json');
    expect(columnKind({ key: 'f', type: 'user' }).codec).toBe('plain');
    expect(columnKind({ key: 'f', type: 'formula', resultType: 'money' }).sqlType).toBe('integer');
  });

  it('refuses a type it does not know instead of guessing a column', () => {
    expect(() => columnKind({ key: 'score', type: 'rating' })).toThrow(/rating.*score/);
    expect(() => columnKind({ key: 'x', type: 'toString' })).toThrow(/toString/);
    // A formula's result type too: it was stored as text when unknown or missing.
    expect(() => columnKind({ key: 'stars', type: 'formula', resultType: 'rating' })).toThrow(
      /rating.*stars/,
    );
    expect(() => columnKind({ key: 'f', type: 'formula', resultType: 'toString' })).toThrow();
    expect(() => columnKind({ key: 'f', type: 'formula' })).toThrow(/undefined/);
  });
});
