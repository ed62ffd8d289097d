import { describe, expect, it } from 'vitest';
import type { FieldShape } from '../spec-shape';
import { convertValue, needsConversion } from './convert-value';

const f = (type: string, extra: Partial<FieldShape> = {}): FieldShape => ({
  key: 'x',
  type,
  ...extra,
});
const SELECT = f('select', { options: [{ value: 'a' }, { value: 'b' }] });
const MULTI = f('multiselect', { options: [{ value: 'a' }, { value: 'b' }] });

describe('convertValue', () => {
  const cases: [string, unknown, FieldShape, FieldShape, unknown | 'FAIL'][] = [
    ['numeric text -> number', ' 1,200.5 ', f('text'), f('number'), 1200.5],
    ['words -> number', 'twelve', f('text'), f('number'), 'FAIL'],
    ['full-width digits -> number', '１２', f('text'), f('number'), 12],
    ['number -> money (fen)', 12.34, f('number'), f('money'), 1234],
    ['money -> number (yuan)', 1234, f('money'), f('number'), 12.34],
    ['text -> money', '99.9', f('text'), f('money'), 9990],
    ['money -> text', 1234, f('money'), f('text'), '12.34'],
    ['是 -> boolean', '是', f('text'), f('boolean'), true],
    ['0 -> boolean', 0, f('number'), f('boolean'), false],
    ['2 -> boolean', 2, f('number'), f('boolean'), 'FAIL'],
    ['iso date text -> date', '2024-02-29', f('text'), f('date'), '2024-02-29'],
    ['garbage -> date', 'soon', f('text'), f('date'), 'FAIL'],
    ['datetime -> date (UTC)', Date.UTC(2024, 4, 1, 23), f('datetime'), f('date'), '2024-05-01'],
    [
      'date -> datetime (UTC midnight)',
      '2024-05-01',
      f('date'),
      f('datetime'),
      Date.UTC(2024, 4, 1),
    ],
    ['datetime -> text', 0, f('datetime'), f('text'), '1970-01-01T00:00:00.000Z'],
    ['text -> select (known option)', 'a', f('text'), SELECT, 'a'],
    ['text -> select (unknown option)', 'c', f('text'), SELECT, 'FAIL'],
    ['select -> multiselect', 'b', SELECT, MULTI, ['b']],
    ['multiselect (one) -> select', ['a'], MULTI, SELECT, 'a'],
    ['multiselect (two) -> select', ['a', 'b'], MULTI, SELECT, 'FAIL'],
    ['multiselect (empty) -> select', [], MULTI, SELECT, null],
    ['multiselect -> text joins', ['a', 'b'], MULTI, f('text'), 'a, b'],
    ['text -> multiselect (not an option)', 'zz', f('text'), MULTI, 'FAIL'],
    ['text -> file', 'a.pdf', f('text'), f('file'), 'FAIL'],
    ['null stays null', null, f('text'), f('number'), null],
  ];
  for (const [name, value, from, to, want] of cases) {
    it(name, () => {
      const got = convertValue(value, from, to);
      if (want === 'FAIL') expect(got.ok).toBe(false);
      else expect(got).toEqual({ ok: true, value: want });
    });
  }
});

describe('needsConversion', () => {
  it('rewrites values only when storage, encoding or meaning changes', () => {
    expect(needsConversion(f('text'), f('longtext'))).toBe(false);
    expect(needsConversion(f('number'), f('percent'))).toBe(false);
    expect(needsConversion(f('text'), f('number'))).toBe(true);
    expect(needsConversion(f('number'), f('money'))).toBe(true);
    expect(needsConversion(f('text'), f('date'))).toBe(true);
    expect(needsConversion(SELECT, MULTI)).toBe(true);
    expect(needsConversion(f('text'), SELECT)).toBe(true);
    expect(needsConversion(SELECT, { ...SELECT, options: [{ value: 'a' }] })).toBe(false);
  });
});
