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
  'beforeAfter',
  'sourceHealth',
  'staleFollowUps',
  'ratio',
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

export const SpendSchema = closed(
  {
    entity: camelKey('Entity holding one record per campaign or channel (e.g. campaign).'),
    key: camelKey(
      'Field of that entity whose value equals the widget field of a record (e.g. code).',
    ),
    field: camelKey('Number or money field of that entity with the spend (e.g. spend).'),
  },
  { description: 'Where an attribution widget reads the spend of each group.' },
);
export type SpendSpec = Static<typeof SpendSchema>;

const DAY = '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$';

export const PeriodRangeSchema = closed(
  {
    from: Type.String({ pattern: DAY, description: 'First day (YYYY-MM-DD), inclusive.' }),
    to: Type.String({ pattern: DAY, description: 'Last day (YYYY-MM-DD), inclusive.' }),
  },
  { description: 'A fixed range of days in the workspace time zone.' },
);
export type PeriodRangeSpec = Static<typeof PeriodRangeSchema>;

export const WidgetSchema = closed(
  {
    key: camelKey('Widget key, unique in the dashboard.'),
    type: stringEnum(
      WIDGET_TYPES,
      'Chart kind: funnel, stageConversion, dwellTime (time in stage), breakdown (by a field), timeSeries, leaderboard (per owner), dataHealth, attribution (channel ROI), metric (one number), beforeAfter (two periods side by side), sourceHealth (leads received, merged and refused per webhook source and public form, time since the last lead; readers with monitor, manageIntake or build), staleFollowUps (per owner: open records without a follow-up for `days` days, now), ratio (one count divided by another, e.g. a conversion rate; per value of `field` when given).',
    ),
    title: label('Widget title.'),
    entity: Type.Optional(
      camelKey(
        'Entity reported on (required by every type except dataHealth and sourceHealth across entities).',
      ),
    ),
    filter: Type.Optional(Logic('Which records count.')),
    field: Type.Optional(
      camelKey(
        'Field grouped by (breakdown, attribution, ratio) or dated by (timeSeries; default createdAt).',
      ),
    ),
    via: Type.Optional(
      camelKey(
        'breakdown, ratio: a single relation field of the entity; `field` is then a field of the related record (deals `via` customer grouped by its first-contact channel).',
      ),
    ),
    measure: Type.Optional(MeasureSchema),
    numerator: Type.Optional(
      Logic(
        "ratio: which of the widget's records count above the line (e.g. stage is won). Required by ratio.",
      ),
    ),
    denominator: Type.Optional(
      Logic(
        "ratio: which of the widget's records count below the line. Default all of them (in the period, under `filter`).",
      ),
    ),
    numeratorLabel: optLabel(
      'ratio: the column header of the count above the line (e.g. "Deals won"). Default names the records counted, e.g. "Matching deals".',
    ),
    denominatorLabel: optLabel(
      'ratio: the column header of the count below the line (e.g. "Deals"). Default names the records counted, e.g. "All deals".',
    ),
    interval: Type.Optional(
      stringEnum(['day', 'week', 'month'], 'Bucket size of time series. Default "week".'),
    ),
    period: Type.Optional(
      Type.String({
        pattern: '^[0-9]+[dwmy]$',
        description:
          'Time window, e.g. "30d", "12w", "6m", "1y". Default all time (beforeAfter: "30d", against the 30 days before).',
      }),
    ),
    limit: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 100,
        description: 'Most rows shown (leaderboard, breakdown, ratio). Default 10.',
      }),
    ),
    basis: Type.Optional(
      stringEnum(
        ['cohort', 'period'],
        'funnel, stageConversion, leaderboard: "cohort" follows the records created in the period to the furthest stage they reached; "period" counts the records that entered each stage during the period. Default "cohort".',
      ),
    ),
    fields: Type.Optional(
      Type.Array(camelKey('A field.'), {
        minItems: 1,
        maxItems: 40,
        uniqueItems: true,
        description:
          'dataHealth, beforeAfter: the core fields whose completeness is measured. Default the required fields.',
      }),
    ),
    spend: Type.Optional(SpendSchema),
    split: Type.Optional(
      camelKey(
        'attribution: a second field compared within each group (A/B of creatives, e.g. the utm_content field).',
      ),
    ),
    threshold: Type.Optional(
      Type.Number({
        exclusiveMinimum: 0,
        maximum: 1000,
        description: 'attribution: LTV/CAC below this is flagged. Default 2.5.',
      }),
    ),
    days: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 365,
        description:
          'staleFollowUps: an owned open record is stale when its last follow-up (else its creation) is at least this many days old. Default 7.',
      }),
    ),
    before: Type.Optional(PeriodRangeSchema),
    after: Type.Optional(PeriodRangeSchema),
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
    roles: Type.Optional(
      Type.Array(kebabKey('A role key.'), {
        uniqueItems: true,
        maxItems: 50,
        description:
          'Roles that may open the dashboard. Default: every role with the viewReports capability. A role whose workbench shows the dashboard may always open it; admin always may. Numbers stay scoped by record permissions.',
      }),
    ),
    widgets: Type.Array(WidgetSchema, {
      minItems: 1,
      maxItems: 40,
      description: 'Widgets in reading order.',
    }),
  },
  { description: 'A page of reports.' },
);
export type DashboardSpec = Static<typeof DashboardSchema>;
