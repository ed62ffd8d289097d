import { describe, expect, it } from 'vitest';
import type { AppSpec, FieldSpec } from '@trellis/spec';
import { createSpecModel } from '../model/spec-model';
import { computeFormulas } from './formulas';

const l = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const formula = (key: string, resultType: string, expression: unknown) =>
  ({ key, type: 'formula', label: l(key, key), resultType, expression }) as unknown as FieldSpec;

const app = {
  version: 1,
  name: l('课程', 'Courses'),
  entities: [
    {
      key: 'course',
      label: l('课程', 'Course'),
      titleField: 'name',
      fields: [
        { key: 'name', type: 'text', label: l('名称', 'Name') },
        { key: 'seats', type: 'number', label: l('座位', 'Seats') },
        formula('seatWeeksText', 'text', { '*': [{ var: 'seats' }, 4] }),
        formula('seatWeeks', 'number', { '*': [{ var: 'seats' }, 4] }),
        formula('seatWeeksMoney', 'money', { '*': [{ var: 'seats' }, 4] }),
      ],
    },
  ],
} as unknown as AppSpec;
const model = createSpecModel(app, 1).entity('course')!;

describe('formulas', () => {
  it('a formula over an empty field has no value of any type, never the text "NaN"', () => {
    const out = computeFormulas(model, { name: 'Python' }, 0);
    expect(out).toMatchObject({ seatWeeksText: null, seatWeeks: null, seatWeeksMoney: null });
  });

  it('computes and coerces each result type once the field has a value', () => {
    const out = computeFormulas(model, { name: 'Python', seats: 3 }, 0);
    expect(out).toMatchObject({ seatWeeksText: '12', seatWeeks: 12, seatWeeksMoney: 12 });
  });
});
