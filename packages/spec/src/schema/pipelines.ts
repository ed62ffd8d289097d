import { Type } from '@sinclair/typebox';
import type { Static } from '@sinclair/typebox';
import {
  camelKey,
  closed,
  Color,
  Duration,
  kebabKey,
  label,
  Logic,
  optLabel,
  Recipient,
  stringEnum,
} from './common';

export const StageSlaSchema = closed(
  {
    noActivityFor: Type.Optional(
      Duration('Breached when no activity is logged for this long while in the stage.'),
    ),
    maxDwell: Type.Optional(
      Duration('Breached when the record stays in the stage longer than this.'),
    ),
    notify: Type.Array(Recipient('Who is told about a breach.'), {
      minItems: 1,
      uniqueItems: true,
      description: 'Who is told when the SLA is breached.',
    }),
  },
  {
    description:
      'Service level of a stage: how long a record may wait and who hears when it waits too long.',
  },
);
export type StageSlaSpec = Static<typeof StageSlaSchema>;

export const EvidenceSchema = closed(
  {
    activityType: kebabKey(
      'Key of the activity type that must be logged since the stage was entered.',
    ),
    withAttachment: Type.Optional(
      Type.Boolean({ description: 'The activity must carry an attachment. Default false.' }),
    ),
    label: optLabel('How the requirement is described to people.'),
  },
  {
    description: 'Proof needed before leaving for / entering a stage: an activity of a given type.',
  },
);
export type EvidenceSpec = Static<typeof EvidenceSchema>;

export const StageSchema = closed(
  {
    key: camelKey("Stage key, unique in the pipeline; stored in the record's stage column."),
    label: label('Stage name.'),
    description: optLabel('What happens in this stage.'),
    category: stringEnum(
      ['open', 'won', 'lost'],
      'Whether records here are still open, won or lost (drives funnel and conversion reports).',
    ),
    color: Color(),
    probability: Type.Optional(
      Type.Number({
        minimum: 0,
        maximum: 100,
        description: 'Win probability in percent, for weighted forecasts.',
      }),
    ),
    requires: Type.Optional(
      Type.Array(camelKey('A field that must be filled to enter this stage.'), {
        uniqueItems: true,
        description: 'Fields that must have values before a record may enter this stage.',
      }),
    ),
    enterIf: Type.Optional(Logic('A record may enter this stage only when this holds.')),
    evidence: Type.Optional(
      Type.Array(EvidenceSchema, {
        description:
          'Activities that must have been logged (since the previous stage was entered) before entering this stage.',
      }),
    ),
    transitions: Type.Optional(
      Type.Array(camelKey('A stage key this stage may move to.'), {
        uniqueItems: true,
        description: 'Stages a record may move to from here. Default: any stage.',
      }),
    ),
    sla: Type.Optional(StageSlaSchema),
  },
  { description: 'One step of a pipeline.' },
);
export type StageSpec = Static<typeof StageSchema>;

export const PipelineSchema = closed(
  {
    key: kebabKey('Pipeline key, unique in the spec.'),
    entity: camelKey(
      'Key of the entity whose records move through this pipeline (one pipeline per entity).',
    ),
    label: label('Pipeline name.'),
    description: optLabel('What this pipeline tracks.'),
    lossReasonField: Type.Optional(
      camelKey('Select field holding why a record was lost; asked when moving to a lost stage.'),
    ),
    stages: Type.Array(StageSchema, {
      minItems: 1,
      maxItems: 50,
      description: 'The stages in order; new records start in the first one.',
    }),
  },
  {
    description:
      'The ordered stages records of one entity move through (e.g. new -> qualified -> trial -> won).',
  },
);
export type PipelineSpec = Static<typeof PipelineSchema>;
