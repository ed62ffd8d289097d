import { Type } from '@sinclair/typebox';
import type { Static } from '@sinclair/typebox';
import { camelKey } from '../common';
import { fieldSchema } from './base';
import type { FieldTypeDef } from './types';

const ID = { type: 'string', minLength: 1, maxLength: 64 };

export const RelationFieldSchema = fieldSchema(
  'relation',
  {
    entity: camelKey('Key of the entity this field links to.'),
    multiple: Type.Optional(
      Type.Boolean({ description: 'Links to several records. Default false.' }),
    ),
  },
  'a link to a record of another (or the same) entity.',
);
export type RelationFieldSpec = Static<typeof RelationFieldSchema>;

export const UserFieldSchema = fieldSchema(
  'user',
  { multiple: Type.Optional(Type.Boolean({ description: 'Several users. Default false.' })) },
  'a person who uses Trellis (e.g. an advisor).',
);
export type UserFieldSpec = Static<typeof UserFieldSchema>;

export const relationType: FieldTypeDef<RelationFieldSpec> = {
  type: 'relation',
  label: { 'zh-CN': '关联记录', en: 'Relation' },
  settingsSchema: RelationFieldSchema,
  valueSchema: (f) => (f.multiple ? { type: 'array', items: ID, uniqueItems: true } : ID),
  logicType: (f) => (f.multiple ? 'json' : 'text'),
  identity: false,
  title: false,
  stored: () => true,
};

export const userType: FieldTypeDef<UserFieldSpec> = {
  type: 'user',
  label: { 'zh-CN': '成员', en: 'User' },
  settingsSchema: UserFieldSchema,
  valueSchema: (f) => (f.multiple ? { type: 'array', items: ID, uniqueItems: true } : ID),
  logicType: (f) => (f.multiple ? 'json' : 'text'),
  identity: false,
  title: false,
  stored: () => true,
};
