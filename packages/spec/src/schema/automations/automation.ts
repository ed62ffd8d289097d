import { Type } from '@sinclair/typebox';
import type { Static } from '@sinclair/typebox';
import { closed, kebabKey, label, Logic, optLabel, tagged } from '../common';
import { actionConfigSchemas } from './actions';
import { triggerConfigSchemas } from './triggers';

export const TriggerSchema = tagged(
  Object.values(triggerConfigSchemas),
  'type',
  'What starts the automation.',
);
export type TriggerSpec = Static<typeof TriggerSchema>;

export const ActionSchema = tagged(
  Object.values(actionConfigSchemas),
  'type',
  'One step the automation performs.',
);
export type ActionSpec = Static<typeof ActionSchema>;

export const AutomationSchema = closed(
  {
    key: kebabKey('Automation key, unique in the spec (used in run logs).'),
    label: label('Automation name.'),
    description: optLabel('What it is for.'),
    enabled: Type.Optional(Type.Boolean({ description: 'Whether it runs. Default true.' })),
    on: TriggerSchema,
    if: Type.Optional(
      Logic('Run only when this holds for the record (with $previous for updates).'),
    ),
    do: Type.Array(ActionSchema, {
      minItems: 1,
      maxItems: 20,
      description: 'Actions, run in order; a failing action stops the rest.',
    }),
  },
  { description: 'When something happens (trigger) and a condition holds, do these actions.' },
);
export type AutomationSpec = Static<typeof AutomationSchema>;
