import { Type } from '@sinclair/typebox';
import type { Static, TLiteral, TObject, TProperties } from '@sinclair/typebox';
import { camelKey, closed, kebabKey, label, Logic } from '../common';

function trigger<K extends string, P extends TProperties>(
  type: K,
  properties: P,
  description: string,
): TObject<{ type: TLiteral<K> } & P> {
  return closed(
    {
      type: Type.Literal(type, { description: `Trigger "${type}": ${description}` }),
      ...properties,
    },
    { description, title: type },
  );
}

const entity = camelKey('Key of the entity whose records this trigger watches.');
const stage = Type.Optional(
  camelKey("Only this stage (of the entity's pipeline). Default: any stage."),
);

/** Config schema of each trigger type (the whole `on` object, `type` included). Reused by the engine's trigger modules. */
export const triggerConfigSchemas = {
  'record.created': trigger(
    'record.created',
    { entity },
    'a record was created (by anyone or anything).',
  ),
  'record.updated': trigger(
    'record.updated',
    {
      entity,
      fields: Type.Optional(
        Type.Array(camelKey('A watched field.'), {
          minItems: 1,
          uniqueItems: true,
          description: 'Only when one of these fields changed. Default: any field.',
        }),
      ),
    },
    'a record was changed.',
  ),
  'field.changed': trigger(
    'field.changed',
    { entity, field: camelKey('Key of the watched field (or "stage", "ownerId").') },
    'one field of a record changed value.',
  ),
  'stage.entered': trigger('stage.entered', { entity, stage }, 'a record moved into a stage.'),
  'stage.exited': trigger('stage.exited', { entity, stage }, 'a record moved out of a stage.'),
  'activity.logged': trigger(
    'activity.logged',
    {
      entity,
      activityType: Type.Optional(kebabKey('Only activities of this type. Default: any type.')),
      contactOnly: Type.Optional(
        Type.Boolean({
          description:
            'Only activities whose type counts as a contact (calls, messages, visits; not notes), e.g. to close a "first contact" task whichever way the contact was made. Default false.',
        }),
      ),
    },
    'an activity (call, visit, trial class...) was logged on a record.',
  ),
  'form.submitted': trigger(
    'form.submitted',
    { form: kebabKey('Key of the form.') },
    'a form was submitted (public intake or internal).',
  ),
  'webhook.received': trigger(
    'webhook.received',
    { source: kebabKey('Key of the inbound webhook source.') },
    'an inbound webhook delivered a record.',
  ),
  'sla.breached': trigger(
    'sla.breached',
    { entity, stage },
    'a record broke the SLA of its stage.',
  ),
  schedule: trigger(
    'schedule',
    {
      cron: Type.String({
        minLength: 9,
        maxLength: 120,
        description:
          'When to run, as a cron expression (minute hour day month weekday), e.g. "0 9 * * 1-5".',
      }),
      timezone: Type.Optional(
        Type.String({
          minLength: 1,
          maxLength: 64,
          description: 'IANA time zone of the cron expression. Default "Asia/Shanghai".',
        }),
      ),
      entity: Type.Optional(
        camelKey(
          'Run the actions once for each record of this entity matching `query`. Without it, the actions run once.',
        ),
      ),
      query: Type.Optional(Logic('Which records of `entity` to act on (compiled to SQL).')),
      limit: Type.Optional(
        Type.Integer({
          minimum: 1,
          maximum: 10000,
          description: 'Most records acted on per run. Default 1000.',
        }),
      ),
    },
    'runs on a timetable.',
  ),
  manual: trigger(
    'manual',
    {
      entity,
      label: label('Button text shown on the record page and list.'),
      bulk: Type.Optional(
        Type.Boolean({
          description: 'Also offered as a bulk action on selected records. Default false.',
        }),
      ),
      roles: Type.Optional(
        Type.Array(kebabKey('A role key.'), {
          minItems: 1,
          uniqueItems: true,
          description:
            'Roles that may press the button (on records they may update) without the manageAutomations capability, e.g. ["sales"] for a "send the brochure" button. Default: only roles with manageAutomations (and admin).',
        }),
      ),
    },
    'a person pressed a button on a record.',
  ),
} as const;

export type TriggerType = keyof typeof triggerConfigSchemas;
export const TRIGGER_TYPES = Object.keys(triggerConfigSchemas) as TriggerType[];
export type TriggerConfig<K extends TriggerType> = Static<(typeof triggerConfigSchemas)[K]>;
