import { Type } from '@sinclair/typebox';
import type { Static } from '@sinclair/typebox';
import { camelKey, closed, Color, label, optLabel } from './common';
import { FieldSchema } from './fields/registry';
import { HandoverPolicySchema, PoolPolicySchema } from './ownership';

export const EntitySchema = closed(
  {
    key: camelKey(
      'Entity key, camelCase, unique in the spec (e.g. "lead"). Becomes the table name e_<key>; never rename a published entity.',
    ),
    label: label('Singular name, e.g. {"zh-CN": "线索", "en": "Lead"}.'),
    pluralLabel: optLabel('Plural name used in menus and lists. Default: the label.'),
    description: optLabel('What records of this entity are, for builders.'),
    icon: Type.Optional(Type.String({ maxLength: 64, description: 'Icon name shown in menus.' })),
    color: Color(),
    titleField: camelKey(
      'Key of the field that names a record in lists, links and search (a text, email, phone or url field).',
    ),
    owned: Type.Optional(
      Type.Boolean({
        description:
          'Records have an owner and a team, and permissions scope by them. Default true.',
      }),
    ),
    pool: Type.Optional(
      Type.Boolean({
        description:
          'Records can be released to a public pool (公海) anyone allowed may claim. Needs owned. Default false.',
      }),
    ),
    poolPolicy: Type.Optional(PoolPolicySchema),
    handover: Type.Optional(HandoverPolicySchema),
    identity: Type.Optional(
      Type.Array(
        Type.Array(camelKey('A field in this identity key.'), {
          minItems: 1,
          maxItems: 4,
          uniqueItems: true,
          description: 'One identity key: the fields that together identify a record.',
        }),
        {
          maxItems: 8,
          description:
            'Dedup keys checked on every write, e.g. [["phone"], ["email"]]: a record matching any key is the same person.',
        },
      ),
    ),
    fields: Type.Array(FieldSchema, {
      minItems: 1,
      maxItems: 500,
      description: 'The fields of the entity, in default display order.',
    }),
  },
  { description: 'A kind of record (lead, account, contract...).' },
);
export type EntitySpec = Static<typeof EntitySchema>;
