import { FIELD_TYPES } from '@trellis/spec';
import { describe, expect, it } from 'vitest';
import { columnKind } from './column-types';

describe('column kinds', () => {
  it('has a column kind for every field type of the spec', () => {
    for (const type of FIELD_TYPES) {
      const kind = columnKind({ key: 'f', type });
      expect(['text', 'real', 'integer'], type).toContain(kind.sqlType);
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
  });
});
