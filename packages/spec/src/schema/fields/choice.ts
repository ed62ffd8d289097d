import { Type } from '@sinclair/typebox';
import type { Static } from '@sinclair/typebox';
import { closed, Color, label, optLabel, stringEnum } from '../common';
import { fieldSchema } from './base';
import { compact } from './types';
import type { FieldTypeDef } from './types';

export const OptionSchema = closed(
  {
    value: Type.String({
      pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]*$',
      maxLength: 64,
      description: 'Stored value, unique among the options. Never change a published value.',
    }),
    label: label('Option text shown to people.'),
    color: Color('Tag color as #rrggbb.'),
    description: optLabel('Explanation shown as a tooltip.'),
    archived: Type.Optional(
      Type.Boolean({
        description: 'Kept for existing records but not offered for new input. Default false.',
      }),
    ),
    aliases: Type.Optional(
      Type.Array(Type.String({ minLength: 1, maxLength: 64 }), {
        uniqueItems: true,
        maxItems: 50,
        description:
          'Other spellings that mean this option, matched without regard to letter case when a captured link parameter fills the field, e.g. ["dy", "tiktok"] on the Douyin channel so utm_source=dy lands as "douyin". Unique across the options of the field.',
      }),
    ),
  },
  { description: 'One choice of a select or multiselect field.' },
);
export type OptionSpec = Static<typeof OptionSchema>;

const options = Type.Array(OptionSchema, {
  minItems: 1,
  maxItems: 500,
  description: 'The choices, in display order.',
});

export const SelectFieldSchema = fieldSchema(
  'select',
  {
    options,
    default: Type.Optional(
      Type.String({
        description: 'Option value given to new records; must be one of the options.',
      }),
    ),
    display: Type.Optional(
      stringEnum(['dropdown', 'radio'], 'Input style: "dropdown" (default) or "radio".'),
    ),
  },
  'one choice from a list.',
);
export type SelectFieldSpec = Static<typeof SelectFieldSchema>;

export const MultiselectFieldSchema = fieldSchema(
  'multiselect',
  {
    options,
    minItems: Type.Optional(
      Type.Integer({ minimum: 0, description: 'Fewest choices when a value is given.' }),
    ),
    maxItems: Type.Optional(Type.Integer({ minimum: 1, description: 'Most choices allowed.' })),
    default: Type.Optional(
      Type.Array(Type.String(), {
        description: 'Option values given to new records; each must be one of the options.',
      }),
    ),
  },
  'several choices from a list.',
);
export type MultiselectFieldSpec = Static<typeof MultiselectFieldSchema>;

export const selectType: FieldTypeDef<SelectFieldSpec> = {
  type: 'select',
  label: { 'zh-CN': '单选', en: 'Select' },
  settingsSchema: SelectFieldSchema,
  valueSchema: (f) => ({ type: 'string', enum: f.options.map((o) => o.value) }),
  logicType: () => 'text',
  identity: false,
  title: false,
  stored: () => true,
};

export const multiselectType: FieldTypeDef<MultiselectFieldSpec> = {
  type: 'multiselect',
  label: { 'zh-CN': '多选', en: 'Multiselect' },
  settingsSchema: MultiselectFieldSchema,
  valueSchema: (f) =>
    compact({
      type: 'array',
      items: { type: 'string', enum: f.options.map((o) => o.value) },
      uniqueItems: true,
      minItems: f.minItems,
      maxItems: f.maxItems,
    }),
  logicType: () => 'json',
  identity: false,
  title: false,
  stored: () => true,
};
