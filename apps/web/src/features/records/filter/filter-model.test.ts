import { describe, expect, it } from 'vitest';
import { evaluate } from '@trellis/logic';
import { toJsonLogic, type FilterModel } from './filter-model';

const lead = { name: '张三', budget: 5000, source: 'douyin', notes: null };

describe('the filter builder model', () => {
  it('turns rows into one JSONLogic condition that selects what the rows say', () => {
    const model: FilterModel = {
      join: 'and',
      rows: [
        { field: 'name', op: 'contains', value: '张' },
        { field: 'budget', op: 'gte', value: 4000 },
        { field: 'source', op: 'in', value: ['douyin', 'website'] },
        { field: 'notes', op: 'empty' },
      ],
    };
    const logic = toJsonLogic(model);
    expect(evaluate(logic, lead)).toBe(true);
    expect(evaluate(logic, { ...lead, budget: 100 })).toBe(false);
    expect(evaluate(toJsonLogic({ ...model, join: 'or' }), { ...lead, budget: 100 })).toBe(true);
  });

  it('leaves out rows still being filled and answers nothing for no rows', () => {
    expect(toJsonLogic({ join: 'and', rows: [{ field: 'name', op: 'contains', value: '' }] })).toBe(
      undefined,
    );
    expect(
      toJsonLogic({
        join: 'or',
        rows: [
          { field: 'budget', op: 'lt', value: 10 },
          { field: 'source', op: 'in', value: [] },
        ],
      }),
    ).toEqual({ '<': [{ var: 'budget' }, 10] });
  });

  it('filters a region by the place picked: a province or a city by prefix, a district exactly', () => {
    const within = (value: string) =>
      toJsonLogic({ join: 'and', rows: [{ field: 'city', op: 'within', value }] });
    const at = (city: string | null) => ({ city });
    // 浙江省 takes in 杭州市 (330100) and 西湖区 (330106), not 上海 (310100).
    expect(within('330000')).toEqual({ startsWith: [{ var: 'city' }, '33'] });
    expect(evaluate(within('330000'), at('330100'))).toBe(true);
    expect(evaluate(within('330000'), at('330106'))).toBe(true);
    expect(evaluate(within('330000'), at('310100'))).toBe(false);
    // 杭州市 takes in its districts, not 宁波市 (330200) in the same province.
    expect(evaluate(within('330100'), at('330106'))).toBe(true);
    expect(evaluate(within('330100'), at('330200'))).toBe(false);
    expect(within('330106')).toEqual({ '==': [{ var: 'city' }, '330106'] });
    expect(evaluate(within('330106'), at('330108'))).toBe(false);
    expect(evaluate(within('330000'), at(null))).toBe(false);
  });
});
