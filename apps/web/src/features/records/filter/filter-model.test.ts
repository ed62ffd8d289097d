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
});
