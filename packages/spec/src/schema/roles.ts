import { Type } from '@sinclair/typebox';
import type { Static } from '@sinclair/typebox';
import {
  CAMEL_KEY,
  keyedRecord,
  camelKey,
  closed,
  kebabKey,
  label,
  optLabel,
  stringEnum,
  tagged,
} from './common';

export const SCOPES = ['none', 'own', 'own+pool', 'team', 'team+pool', 'all'] as const;
export const CAPABILITIES = [
  'export',
  'import',
  'reassign',
  'viewReports',
  'manageUsers',
  'build',
  'manageAutomations',
  'manageIntake',
  'monitor',
] as const;

const scope = (what: string) =>
  Type.Optional(
    stringEnum(
      SCOPES,
      `Which records the role may ${what}: "none" (default), "own", "own+pool" (own and the public pool), "team", "team+pool", "all".`,
    ),
  );

export const EntityPermissionSchema = closed(
  {
    create: Type.Optional(Type.Boolean({ description: 'May create records. Default false.' })),
    read: scope('see'),
    update: scope('change'),
    delete: scope('delete'),
  },
  { description: 'What a role may do with records of one entity.' },
);
export type EntityPermissionSpec = Static<typeof EntityPermissionSchema>;

const ref = (kind: string) => kebabKey(`Key of the ${kind}.`);
const panelTitle = optLabel('Overrides the panel title.');
const refItem = <K extends string>(type: K, description: string) =>
  closed(
    { type: Type.Literal(type, { description }), ref: ref(type), title: panelTitle },
    { description },
  );
const plainItem = <K extends string>(type: K, description: string) =>
  closed({ type: Type.Literal(type, { description }), title: panelTitle }, { description });

export const WorkbenchItemSchema = tagged(
  [
    refItem('view', 'A saved list or board.'),
    refItem(
      'dashboard',
      'A dashboard: its first four single numbers (metrics, rates without a field); with fewer than two, also the first five rows of its first leaderboard, breakdown, attribution or stale follow-ups widget. A number opens its records, the title the dashboard.',
    ),
    refItem('form', 'A form to create records quickly.'),
    plainItem('tasks', 'My open and overdue tasks.'),
    plainItem('notifications', 'My unread notifications.'),
    closed(
      {
        type: Type.Literal('pool', { description: 'The public pool of an entity.' }),
        entity: camelKey('Key of the entity.'),
        title: panelTitle,
      },
      { description: 'The public pool of an entity.' },
    ),
    closed(
      {
        type: Type.Literal('records', {
          description:
            'My records of an entity: the newest the user owns (the newest the user may see when its records have no owner).',
        }),
        entity: camelKey('Key of the entity.'),
        title: panelTitle,
      },
      { description: 'My records of an entity.' },
    ),
  ],
  'type',
  "A panel on the role's home page.",
);
export type WorkbenchItemSpec = Static<typeof WorkbenchItemSchema>;

export const RoleSchema = closed(
  {
    key: kebabKey('Role key, unique in the spec; users are given one role.'),
    label: label('Role name.'),
    description: optLabel('Who has this role.'),
    entities: keyedRecord(
      CAMEL_KEY,
      EntityPermissionSchema,
      'Permissions per entity key, e.g. {"lead": {"create": true, "read": "own+pool", "update": "own"}}. Entities not listed are invisible.',
    ),
    fields: Type.Optional(
      keyedRecord(
        CAMEL_KEY,
        keyedRecord(
          CAMEL_KEY,
          stringEnum(
            ['hidden', 'readonly', 'editable'],
            'Field access: "hidden", "readonly" or "editable" (default).',
          ),
          'Field access per field key.',
        ),
        'Field access per entity key, e.g. {"lead": {"budget": "readonly", "idNumber": "hidden"}}.',
      ),
    ),
    capabilities: Type.Optional(
      Type.Array(stringEnum(CAPABILITIES, 'A right outside record permissions.'), {
        uniqueItems: true,
        description:
          'Extra rights: export, import, reassign, viewReports, manageUsers, build (edit the spec), manageAutomations, manageIntake, monitor (read the automation run log and intake health without changing anything).',
      }),
    ),
    workbench: Type.Optional(
      Type.Array(WorkbenchItemSchema, {
        description:
          "The panels of the role's home page, in order. Default: my tasks, my records of each entity the role may see (up to four), my notifications.",
      }),
    ),
  },
  { description: 'A set of permissions given to users.' },
);
export type RoleSpec = Static<typeof RoleSchema>;

export const TeamSchema = closed(
  {
    key: kebabKey('Team key, unique in the spec.'),
    label: label('Team name.'),
    description: optLabel('What the team does.'),
    parent: Type.Optional(kebabKey('Key of the parent team (teams form a tree).')),
  },
  {
    description:
      'A group of users (e.g. a course line or region); members are managed outside the spec.',
  },
);
export type TeamSpec = Static<typeof TeamSchema>;
