import { describe, expect, it } from 'vitest';
import type { FormulaField } from './formula-fields';
import { parseFormula } from './formula-parse';

const FIELDS: FormulaField[] = [
  { key: 'price', label: '课程价格', labels: ['课程价格', 'Course price'], type: 'money' },
  { key: 'name', label: '姓名', labels: ['姓名', 'Name'], type: 'text' },
];
const parse = (text: string) => parseFormula(text, FIELDS);

describe('parseFormula', () => {
  it('reads fields by label in either language or by key, numbers and signs', () => {
    expect(parse('[课程价格] * 0.9')).toEqual({
      ok: true,
      logic: { '*': [{ var: 'price' }, 0.9] },
    });
    expect(parse('[Course price] - [price]')).toEqual({
      ok: true,
      logic: { '-': [{ var: 'price' }, { var: 'price' }] },
    });
    expect(parse('课程价格 / 2')).toEqual({ ok: true, logic: { '/': [{ var: 'price' }, 2] } });
  });

  it('reads a chain of + as one sum, and a sum in parentheses apart', () => {
    expect(parse('1 + 2 + [课程价格]')).toEqual({
      ok: true,
      logic: { '+': [1, 2, { var: 'price' }] },
    });
    expect(parse('(1 + 2) + 3')).toEqual({ ok: true, logic: { '+': [{ '+': [1, 2] }, 3] } });
  });

  it('reads if, and / or / not, = as ==, and the runtime functions', () => {
    expect(parse('if([课程价格] >= 5000 and not([姓名]), "高", "低")')).toEqual({
      ok: true,
      logic: {
        if: [{ and: [{ '>=': [{ var: 'price' }, 5000] }, { '!': [{ var: 'name' }] }] }, '高', '低'],
      },
    });
    expect(parse('[姓名] = "王" or [姓名] != "李"')).toEqual({
      ok: true,
      logic: { or: [{ '==': [{ var: 'name' }, '王'] }, { '!=': [{ var: 'name' }, '李'] }] },
    });
    expect(parse('sha256([姓名], cat("a", 1))')).toEqual({
      ok: true,
      logic: { sha256: [{ var: 'name' }, { cat: ['a', 1] }] },
    });
    expect(parse('daysSince(now())')).toEqual({ ok: true, logic: { daysSince: [{ now: [] }] } });
  });

  it.each([
    ['[价格] * 2', 'unknownField', { name: '价格' }],
    ['总价 * 2', 'unknownField', { name: '总价' }],
    ['round([课程价格])', 'unknownFunction', { name: 'round' }],
    ['([课程价格] * 2', 'unclosedParen', { at: 12 }],
    ['[课程价格 * 2', 'unclosedBracket', { at: 10 }],
    ['[课程价格] * 2)', 'extraClose', { at: 11, char: ')' }],
    ['"九折', 'unclosedQuote', { at: 4 }],
    ['[课程价格] *', 'missingOperand', { at: 9, op: '*' }],
    ['[课程价格] 2', 'missingOperator', {}],
    ['if([姓名], 1, 2', 'unclosedParen', { at: 14 }],
    ['[1, 2', 'unclosedBracket', { at: 6 }],
    ['[课程价格] & 2', 'unexpected', { at: 8, char: '&' }],
    ['[姓名].length', 'unexpected', { at: 6, char: '.' }],
    ['this', 'unsupported', { what: 'ThisExpression' }],
  ])('refuses %s: %s', (text, code, params) => {
    expect(parse(text)).toEqual({ ok: false, error: { code, params } });
  });
});
