import type { Static } from '@sinclair/typebox';
import { tagged } from '../common';
import { MultiselectFieldSchema, multiselectType, SelectFieldSchema, selectType } from './choice';
import { FileFieldSchema, fileType } from './file';
import { FormulaFieldSchema, formulaType } from './formula';
import {
  MoneyFieldSchema,
  moneyType,
  NumberFieldSchema,
  numberType,
  PercentFieldSchema,
  percentType,
} from './number';
import { RelationFieldSchema, relationType, UserFieldSchema, userType } from './reference';
import { RegionFieldSchema, regionType } from './region';
import {
  BooleanFieldSchema,
  booleanType,
  DateFieldSchema,
  dateType,
  DatetimeFieldSchema,
  datetimeType,
} from './temporal';
import {
  EmailFieldSchema,
  emailType,
  LongtextFieldSchema,
  longtextType,
  PhoneFieldSchema,
  phoneType,
  TextFieldSchema,
  textType,
  UrlFieldSchema,
  urlType,
} from './text';
import type { FieldTypeDef } from './types';

const fieldSchemas = [
  TextFieldSchema,
  LongtextFieldSchema,
  EmailFieldSchema,
  PhoneFieldSchema,
  UrlFieldSchema,
  NumberFieldSchema,
  MoneyFieldSchema,
  PercentFieldSchema,
  DateFieldSchema,
  DatetimeFieldSchema,
  BooleanFieldSchema,
  SelectFieldSchema,
  MultiselectFieldSchema,
  RelationFieldSchema,
  UserFieldSchema,
  FileFieldSchema,
  RegionFieldSchema,
  FormulaFieldSchema,
];

/** Any field of an entity; `type` says which settings apply. */
export const FieldSchema = tagged(
  fieldSchemas,
  'type',
  'A field of an entity. `type` decides which other properties apply.',
);
export type FieldSpec = Static<typeof FieldSchema>;
export type FieldType = FieldSpec['type'];

/** The field types, in the builder's picker order. */
export const FIELD_TYPES = [
  'text',
  'longtext',
  'email',
  'phone',
  'url',
  'number',
  'money',
  'percent',
  'date',
  'datetime',
  'boolean',
  'select',
  'multiselect',
  'relation',
  'user',
  'file',
  'region',
  'formula',
] as const satisfies readonly FieldType[];

export type FieldOfType<K extends FieldType> = Extract<FieldSpec, { type: K }>;

/** The field type registry: one entry per type (settings schema, value schema, logic type, capabilities). */
export const fieldTypes: { readonly [K in FieldType]: FieldTypeDef<FieldOfType<K>> } = {
  text: textType,
  longtext: longtextType,
  email: emailType,
  phone: phoneType,
  url: urlType,
  number: numberType,
  money: moneyType,
  percent: percentType,
  date: dateType,
  datetime: datetimeType,
  boolean: booleanType,
  select: selectType,
  multiselect: multiselectType,
  relation: relationType,
  user: userType,
  file: fileType,
  region: regionType,
  formula: formulaType,
};

/** Looks up a field's type entry with the field's own type (saves a cast at every call site). */
export function fieldTypeOf<F extends FieldSpec>(field: F): FieldTypeDef<F> {
  return fieldTypes[field.type] as unknown as FieldTypeDef<F>;
}
