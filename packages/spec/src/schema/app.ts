import { Type } from '@sinclair/typebox';
import type { Static } from '@sinclair/typebox';
import { ActivityTypeSchema, QuickReplySchema } from './activities';
import { AutomationSchema } from './automations/automation';
import { closed, label, optLabel, stringEnum, SUPPORTED_LOCALES } from './common';
import { DashboardSchema } from './dashboards';
import { EntitySchema } from './entity';
import { FormSchema } from './forms';
import { PipelineSchema } from './pipelines';
import { RoleSchema, TeamSchema } from './roles';
import { ViewSchema } from './views';
import { WebhookSourceSchema } from './webhooks';

export const APP_SPEC_SCHEMA_ID = 'https://trellis.dev/schemas/app-spec.schema.json';

const list = <T extends Parameters<typeof Type.Array>[0]>(item: T, description: string) =>
  Type.Optional(Type.Array(item, { maxItems: 1000, description: `${description} Default [].` }));

export const AppSpecSchema = closed(
  {
    $schema: Type.Optional(
      Type.String({ description: 'Path or URL of app-spec.schema.json, for editor help.' }),
    ),
    specVersion: Type.Literal(1, { description: 'Version of the spec format. Always 1 for now.' }),
    name: label('Name of the app, e.g. {"zh-CN": "教培 CRM", "en": "Education CRM"}.'),
    description: optLabel('What the app is for.'),
    locales: Type.Array(stringEnum(SUPPORTED_LOCALES, 'A supported locale.'), {
      minItems: 1,
      uniqueItems: true,
      description: 'Locales the app is offered in ("zh-CN", "en").',
    }),
    defaultLocale: stringEnum(
      SUPPORTED_LOCALES,
      'Locale used when a user has none; every label must have it. Must be one of `locales`.',
    ),
    entities: Type.Array(EntitySchema, {
      minItems: 1,
      maxItems: 100,
      description: 'The kinds of records.',
    }),
    forms: list(FormSchema, 'Forms, public and internal.'),
    pipelines: list(PipelineSchema, 'Stage pipelines, at most one per entity.'),
    automations: list(AutomationSchema, 'Automations (trigger, condition, actions).'),
    roles: list(RoleSchema, 'Roles and their permissions.'),
    teams: list(TeamSchema, 'Teams (members are managed outside the spec).'),
    views: list(ViewSchema, 'Saved lists and boards.'),
    dashboards: list(DashboardSchema, 'Report pages.'),
    activityTypes: list(ActivityTypeSchema, 'Kinds of activities people log.'),
    quickReplies: list(QuickReplySchema, 'Reusable message templates.'),
    webhookSources: list(WebhookSourceSchema, 'Inbound webhook sources.'),
  },
  {
    $id: APP_SPEC_SCHEMA_ID,
    title: 'Trellis app spec',
    description:
      'The whole definition of a Trellis CRM app: entities, forms, pipelines, automations, roles, views, dashboards.',
  },
);
export type AppSpec = Static<typeof AppSpecSchema>;
