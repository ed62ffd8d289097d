import { Type } from '@sinclair/typebox';
import type { Static } from '@sinclair/typebox';
import { closed, Color, kebabKey, label, optLabel } from './common';

export const ActivityTypeSchema = closed(
  {
    key: kebabKey('Activity type key, unique in the spec (e.g. "call", "trial-class").'),
    label: label('Activity type name.'),
    description: optLabel('When to log it.'),
    countsAsContact: Type.Optional(
      Type.Boolean({
        description:
          'Logging it updates lastActivityAt and resets "no activity" SLAs. Default true.',
      }),
    ),
    icon: Type.Optional(
      Type.String({ maxLength: 64, description: 'Icon name shown in the timeline.' }),
    ),
    color: Color(),
  },
  {
    description:
      'A kind of activity people log on records (call, WeChat message, visit, trial class).',
  },
);
export type ActivityTypeSpec = Static<typeof ActivityTypeSchema>;

export const QuickReplySchema = closed(
  {
    key: kebabKey('Quick reply key, unique in the spec.'),
    label: label('Name shown in the picker.'),
    body: label("Text inserted; {{field}} is replaced by the record's value."),
    activityType: Type.Optional(
      kebabKey('Offered when logging this activity type. Default: always.'),
    ),
  },
  { description: 'A reusable message or note template.' },
);
export type QuickReplySpec = Static<typeof QuickReplySchema>;
