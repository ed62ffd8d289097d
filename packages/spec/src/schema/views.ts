import { Type } from '@sinclair/typebox';
import type { Static } from '@sinclair/typebox';
import { camelKey, closed, kebabKey, label, Logic, optLabel, stringEnum } from './common';

export const SortSchema = closed(
  {
    field: camelKey('Field or system field (createdAt, updatedAt, stage...) to sort by.'),
    dir: Type.Optional(stringEnum(['asc', 'desc'], 'Direction. Default "asc".')),
  },
  { description: 'One sort key.' },
);
export type SortSpec = Static<typeof SortSchema>;

export const ViewSchema = closed(
  {
    key: kebabKey('View key, unique in the spec.'),
    entity: camelKey('Key of the entity listed.'),
    label: label('View name.'),
    description: optLabel('What the view shows.'),
    type: stringEnum(
      ['list', 'board'],
      'Presentation: "list" (table) or "board" (cards in columns).',
    ),
    columns: Type.Optional(
      Type.Array(camelKey('A field or system field shown as a column / on the card.'), {
        uniqueItems: true,
        description: 'Columns in order. Default: title field and the first fields.',
      }),
    ),
    filter: Type.Optional(
      Logic('Which records the view shows (compiled to SQL); $user.id gives "mine".'),
    ),
    sort: Type.Optional(
      Type.Array(SortSchema, { description: 'Sort order. Default newest first.' }),
    ),
    groupBy: Type.Optional(
      camelKey('Board columns: "stage" (default for boards) or a select/user field.'),
    ),
    pageSize: Type.Optional(
      Type.Integer({ minimum: 10, maximum: 500, description: 'Rows per page. Default 50.' }),
    ),
  },
  { description: 'A saved list or board of records.' },
);
export type ViewSpec = Static<typeof ViewSchema>;
