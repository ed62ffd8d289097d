import { triggerConfigSchemas } from '@trellis/spec';
import { changedOf, recordSubject } from '../event-shape';
import { defineTrigger, sameEntity } from './define';

/**
 * field.changed {entity, field}: one field changed value. Conditions see the old value as
 * `$previous.<field>` (and can use changedFrom/changedTo).
 */
export const fieldChanged = defineTrigger({
  type: 'field.changed',
  configSchema: triggerConfigSchemas['field.changed'],
  events: ['record.updated', 'stage.changed'],
  run: async ({ event, config }, ctx) => {
    if (!sameEntity(event, config) || !changedOf(event).includes(config.field as string))
      return { fires: false };
    return { fires: true, subjects: [await recordSubject(event, ctx, true)] };
  },
});
