import { Type } from '@sinclair/typebox';
import type { Static } from '@sinclair/typebox';
import { optLabel } from '../common';
import { fieldSchema, uniqueProperty } from './base';
import { compact } from './types';
import type { FieldTypeDef } from './types';

export const NumberFieldSchema = fieldSchema(
  'number',
  {
    ...uniqueProperty,
    min: Type.Optional(Type.Number({ description: 'Smallest value allowed.' })),
    max: Type.Optional(Type.Number({ description: 'Largest value allowed.' })),
    integer: Type.Optional(Type.Boolean({ description: 'Only whole numbers. Default false.' })),
    precision: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: 10,
        description: 'Decimal places shown. Default 2 (0 for integers).',
      }),
    ),
    unit: optLabel('Unit shown after the number, e.g. {"zh-CN": "人", "en": "people"}.'),
    default: Type.Optional(Type.Number({ description: 'Value given to new records.' })),
  },
  'a number.',
);
export type NumberFieldSpec = Static<typeof NumberFieldSchema>;

export const PercentFieldSchema = fieldSchema(
  'percent',
  {
    min: Type.Optional(
      Type.Number({ description: 'Smallest value allowed, in percent (0 = 0%). Default none.' }),
    ),
    max: Type.Optional(
      Type.Number({ description: 'Largest value allowed, in percent (100 = 100%). Default none.' }),
    ),
    precision: Type.Optional(
      Type.Integer({ minimum: 0, maximum: 6, description: 'Decimal places shown. Default 0.' }),
    ),
    default: Type.Optional(Type.Number({ description: 'Value given to new records, in percent.' })),
  },
  'a percentage, stored as the number of percent (12.5 means 12.5%).',
);
export type PercentFieldSpec = Static<typeof PercentFieldSchema>;

export const MoneyFieldSchema = fieldSchema(
  'money',
  {
    ...uniqueProperty,
    currency: Type.Optional(
      Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 4217 currency code. Default "CNY".' }),
    ),
    min: Type.Optional(
      Type.Integer({ description: 'Smallest amount allowed, in minor units (fen): 100 = ¥1.00.' }),
    ),
    max: Type.Optional(
      Type.Integer({ description: 'Largest amount allowed, in minor units (fen).' }),
    ),
    default: Type.Optional(
      Type.Integer({ description: 'Amount given to new records, in minor units (fen).' }),
    ),
  },
  'an amount of money, stored as an integer number of minor units (fen).',
);
export type MoneyFieldSpec = Static<typeof MoneyFieldSchema>;

export const numberType: FieldTypeDef<NumberFieldSpec> = {
  type: 'number',
  label: { 'zh-CN': '数字', en: 'Number' },
  settingsSchema: NumberFieldSchema,
  valueSchema: (f) =>
    compact({ type: f.integer ? 'integer' : 'number', minimum: f.min, maximum: f.max }),
  logicType: (f) => (f.integer ? 'integer' : 'number'),
  identity: false,
  title: false,
  stored: () => true,
};

export const percentType: FieldTypeDef<PercentFieldSpec> = {
  type: 'percent',
  label: { 'zh-CN': '百分比', en: 'Percent' },
  settingsSchema: PercentFieldSchema,
  valueSchema: (f) => compact({ type: 'number', minimum: f.min, maximum: f.max }),
  logicType: () => 'number',
  identity: false,
  title: false,
  stored: () => true,
};

export const moneyType: FieldTypeDef<MoneyFieldSpec> = {
  type: 'money',
  label: { 'zh-CN': '金额', en: 'Money' },
  settingsSchema: MoneyFieldSchema,
  valueSchema: (f) => compact({ type: 'integer', minimum: f.min, maximum: f.max }),
  logicType: () => 'integer',
  identity: false,
  title: false,
  stored: () => true,
};
