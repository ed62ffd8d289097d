import { Type } from '@sinclair/typebox';
import type { Static } from '@sinclair/typebox';
import { stringEnum } from '../common';
import { fieldSchema, uniqueProperty } from './base';
import { compact } from './types';
import type { FieldTypeDef } from './types';

const lengths = {
  minLength: Type.Optional(Type.Integer({ minimum: 0, description: 'Fewest characters allowed.' })),
  maxLength: Type.Optional(
    Type.Integer({ minimum: 1, maximum: 100000, description: 'Most characters allowed.' }),
  ),
};

export const TextFieldSchema = fieldSchema(
  'text',
  {
    ...lengths,
    ...uniqueProperty,
    pattern: Type.Optional(
      Type.String({
        format: 'regex',
        description:
          'Regular expression the value must match (JavaScript syntax, anchored by you).',
      }),
    ),
    default: Type.Optional(Type.String({ description: 'Value given to new records.' })),
  },
  'a single line of text.',
);
export type TextFieldSpec = Static<typeof TextFieldSchema>;

export const LongtextFieldSchema = fieldSchema(
  'longtext',
  {
    ...lengths,
    default: Type.Optional(Type.String({ description: 'Value given to new records.' })),
  },
  'multi-line text.',
);
export type LongtextFieldSpec = Static<typeof LongtextFieldSchema>;

export const EmailFieldSchema = fieldSchema(
  'email',
  { ...uniqueProperty },
  'an e-mail address, stored lowercased.',
);
export type EmailFieldSpec = Static<typeof EmailFieldSchema>;

export const PhoneFieldSchema = fieldSchema(
  'phone',
  {
    ...uniqueProperty,
    defaultRegion: Type.Optional(
      Type.String({
        pattern: '^[A-Z]{2}$',
        description: 'ISO 3166 country assumed for numbers without +country code. Default "CN".',
      }),
    ),
    normalize: Type.Optional(
      stringEnum(
        ['e164', 'none'],
        'How numbers are stored: "e164" (+8613800138000, default) or "none" (as typed).',
      ),
    ),
  },
  'a phone number.',
);
export type PhoneFieldSpec = Static<typeof PhoneFieldSchema>;

export const UrlFieldSchema = fieldSchema(
  'url',
  { ...uniqueProperty },
  'a web address (http or https).',
);
export type UrlFieldSpec = Static<typeof UrlFieldSchema>;

export const textType: FieldTypeDef<TextFieldSpec> = {
  type: 'text',
  label: { 'zh-CN': '单行文本', en: 'Text' },
  settingsSchema: TextFieldSchema,
  valueSchema: (f) =>
    compact({
      type: 'string',
      minLength: f.minLength,
      maxLength: f.maxLength ?? 1000,
      pattern: f.pattern,
    }),
  logicType: () => 'text',
  identity: true,
  title: true,
  stored: () => true,
};

export const longtextType: FieldTypeDef<LongtextFieldSpec> = {
  type: 'longtext',
  label: { 'zh-CN': '多行文本', en: 'Long text' },
  settingsSchema: LongtextFieldSchema,
  valueSchema: (f) =>
    compact({ type: 'string', minLength: f.minLength, maxLength: f.maxLength ?? 100000 }),
  logicType: () => 'text',
  identity: false,
  title: false,
  stored: () => true,
};

export const emailType: FieldTypeDef<EmailFieldSpec> = {
  type: 'email',
  label: { 'zh-CN': '邮箱', en: 'E-mail' },
  settingsSchema: EmailFieldSchema,
  valueSchema: () => ({ type: 'string', format: 'email', maxLength: 254 }),
  logicType: () => 'text',
  identity: true,
  title: true,
  stored: () => true,
};

export const phoneType: FieldTypeDef<PhoneFieldSpec> = {
  type: 'phone',
  label: { 'zh-CN': '电话', en: 'Phone' },
  settingsSchema: PhoneFieldSchema,
  // After normalization to E.164 a number is + and up to 15 digits; unnormalized input is free text.
  valueSchema: (f) =>
    f.normalize === 'none'
      ? { type: 'string', maxLength: 40 }
      : { type: 'string', pattern: '^\\+[1-9][0-9]{4,14}$' },
  logicType: () => 'text',
  identity: true,
  title: true,
  stored: () => true,
};

export const urlType: FieldTypeDef<UrlFieldSpec> = {
  type: 'url',
  label: { 'zh-CN': '网址', en: 'URL' },
  settingsSchema: UrlFieldSchema,
  valueSchema: () => ({ type: 'string', format: 'uri', pattern: '^https?://', maxLength: 2048 }),
  logicType: () => 'text',
  identity: true,
  title: true,
  stored: () => true,
};
