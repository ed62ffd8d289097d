import { triggerConfigSchemas } from '@trellis/spec';
import { recordSubject } from '../event-shape';
import { defineTrigger, sameEntity } from './define';

/** record.created {entity}: a record of the entity was created. */
export const recordCreated = defineTrigger({
  type: 'record.created',
  configSchema: triggerConfigSchemas['record.created'],
  events: ['record.created'],
  run: async ({ event, config }, ctx) =>
    sameEntity(event, config)
      ? { fires: true, subjects: [await recordSubject(event, ctx)] }
      : { fires: false },
});
