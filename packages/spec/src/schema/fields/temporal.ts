import { Type } from '@sinclair/typebox';
import type { Static } from '@sinclair/typebox';
import { fieldSchema, uniqueProperty } from './base';
import type { FieldTypeDef } from './types';

export const DateFieldSchema = fieldSchema(
  'date',
  {
    ...uniqueProperty,
    default: Type.Optional(
      Type.String({ format: 'date', description: 'Date given to new records, YYYY-MM-DD.' }),
    ),
  },
  'a calendar date (YYYY-MM-DD) without time.',
);
export type DateFieldSpec = Static<typeof DateFieldSchema>;

export const DatetimeFieldSchema = fieldSchema(
  'datetime',
  { ...uniqueProperty },
  "a moment in time, stored as epoch milliseconds and shown in the viewer's time zone.",
);
export type DatetimeFieldSpec = Static<typeof DatetimeFieldSchema>;

export const BooleanFieldSchema = fieldSchema(
  'boolean',
  {
    default: Type.Optional(
      Type.Boolean({ description: 'Value given to new records. Default none (empty).' }),
    ),
  },
  'yes or no.',
);
export type BooleanFieldSpec = Static<typeof BooleanFieldSchema>;

export const dateType: FieldTypeDef<DateFieldSpec> = {
  type: 'date',
  label: { 'zh-CN': '日期', en: 'Date' },
  settingsSchema: DateFieldSchema,
  valueSchema: () => ({ type: 'string', format: 'date' }),
  logicType: () => 'date',
  identity: false,
  title: false,
  stored: () => true,
};

export const datetimeType: FieldTypeDef<DatetimeFieldSpec> = {
  type: 'datetime',
  label: { 'zh-CN': '日期时间', en: 'Date and time' },
  settingsSchema: DatetimeFieldSchema,
  valueSchema: () => ({ type: 'integer', minimum: 0 }),
  logicType: () => 'datetime',
  identity: false,
  title: false,
  stored: () => true,
};

export const booleanType: FieldTypeDef<BooleanFieldSpec> = {
  type: 'boolean',
  label: { 'zh-CN': '是/否', en: 'Yes/No' },
  settingsSchema: BooleanFieldSchema,
  valueSchema: () => ({ type: 'boolean' }),
  logicType: () => 'boolean',
  identity: false,
  title: false,
  stored: () => true,
};
