import { Type } from '@sinclair/typebox';
import type { Static } from '@sinclair/typebox';
import { Logic, stringEnum } from '../common';
import { fieldSchema } from './base';
import type { FieldTypeDef, LogicType } from './types';

export const FORMULA_RESULT_TYPES = ['number', 'text', 'boolean', 'date', 'money'] as const;

export const FormulaFieldSchema = fieldSchema(
  'formula',
  {
    expression: Logic('How the value is computed from other fields of the same record; read-only.'),
    resultType: stringEnum(
      FORMULA_RESULT_TYPES,
      'Type of the computed value: "number", "text", "boolean", "date" (YYYY-MM-DD) or "money" (minor units).',
    ),
    stored: Type.Optional(
      Type.Boolean({
        description:
          'Store the value in a column (recomputed on every write) so lists can filter and sort by it. Default true.',
      }),
    ),
  },
  'a value computed from other fields (JSONLogic).',
);
export type FormulaFieldSpec = Static<typeof FormulaFieldSchema>;

const VALUE: Record<FormulaFieldSpec['resultType'], Record<string, unknown>> = {
  number: { type: 'number' },
  text: { type: 'string' },
  boolean: { type: 'boolean' },
  date: { type: 'string', format: 'date' },
  money: { type: 'integer' },
};
const LOGIC: Record<FormulaFieldSpec['resultType'], LogicType> = {
  number: 'number',
  text: 'text',
  boolean: 'boolean',
  date: 'date',
  money: 'integer',
};

export const formulaType: FieldTypeDef<FormulaFieldSpec> = {
  type: 'formula',
  label: { 'zh-CN': '公式', en: 'Formula' },
  settingsSchema: FormulaFieldSchema,
  valueSchema: (f) => ({ ...VALUE[f.resultType] }),
  logicType: (f) => LOGIC[f.resultType],
  identity: false,
  title: false,
  stored: (f) => f.stored !== false,
};
