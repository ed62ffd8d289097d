import { Type } from '@sinclair/typebox';
import type { Static } from '@sinclair/typebox';
import { camelKey, closed, kebabKey, label, Logic, optLabel, stringEnum } from './common';

export const WIDGET_TYPES = [
  'funnel',
  'stageConversion',
  'dwellTime',
  'breakdown',
  'timeSeries',
  'leaderboard',
  'dataHealth',
  'attribution',
  'metric',
] as const;
export type WidgetType = (typeof WIDGET_TYPES)[number];

export const MeasureSchema = closed(
  {
    op: stringEnum(
      ['count', 'sum', 'avg'],
      'Aggregate: "count" records, "sum" or "avg" of a number/money field.',
    ),
    field: Type.Optional(camelKey('The number or money field summed or averaged.')),
  },
  { description: 'What a widget measures. Default count.' },
);
export type MeasureSpec = Static<typeof MeasureSchema>;

export const WidgetSchema = closed(
  {
    key: camelKey('Widget key, unique in the dashboard.'),
    type: stringEnum(
      WIDGET_TYPES,
      'Chart kind: funnel, stageConversion, dwellTime (time in stage), breakdown (by a field), timeSeries, leaderboard (per owner), dataHealth, attribution (channel ROI), metric (one number).',
    ),
    title: label('Widget title.'),
    entity: Type.Optional(
      camelKey('Entity reported on (required by every type except dataHealth across entities).'),
    ),
    filter: Type.Optional(Logic('Which records count.')),
    field: Type.Optional(
      camelKey(
        'Field grouped by (breakdown, attribution) or dated by (timeSeries; default createdAt).',
      ),
    ),
    measure: Type.Optional(MeasureSchema),
    interval: Type.Optional(
      stringEnum(['day', 'week', 'month'], 'Bucket size of time series. Default "week".'),
    ),
    period: Type.Optional(
      Type.String({
        pattern: '^[0-9]+[dwmy]$',
        description: 'Time window, e.g. "30d", "12w", "6m", "1y". Default all time.',
      }),
    ),
    limit: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 100,
        description: 'Most rows shown (leaderboard, breakdown). Default 10.',
      }),
    ),
    span: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 12,
        description: 'Width in grid columns (of 12). Default 6.',
      }),
    ),
  },
  { description: 'One chart or number on a dashboard.' },
);
export type WidgetSpec = Static<typeof WidgetSchema>;

export const DashboardSchema = closed(
  {
    key: kebabKey('Dashboard key, unique in the spec.'),
    label: label('Dashboard name.'),
    description: optLabel('What the dashboard is for.'),
    widgets: Type.Array(WidgetSchema, {
      minItems: 1,
      maxItems: 40,
      description: 'Widgets in reading order.',
    }),
  },
  { description: 'A page of reports.' },
);
export type DashboardSpec = Static<typeof DashboardSchema>;
