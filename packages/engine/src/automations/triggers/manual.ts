import { triggerConfigSchemas } from '@trellis/spec';
import { payloadString } from '../event-shape';
import { defineTrigger, sameEntity } from './define';

/**
 * manual {entity, label, bulk?}: a person pressed the automation's button on a record or on a
 * selection; `automations.runManual` writes one `manual` event listing the record ids.
 */
export const manual = defineTrigger({
  type: 'manual',
  configSchema: triggerConfigSchemas.manual,
  events: ['manual'],
  run: async ({ event, config, automationKey }, ctx) => {
    if (payloadString(event, 'automationKey') !== automationKey || !sameEntity(event, config))
      return { fires: false };
    const ids = Array.isArray(event.payload.recordIds)
      ? event.payload.recordIds.filter((x): x is string => typeof x === 'string')
      : [];
    const entity = config.entity as string;
    const subjects = [];
    for (const id of ids)
      subjects.push({
        entity,
        recordId: id,
        record: await ctx.getRecord(entity, id),
        previous: null,
      });
    return { fires: true, subjects };
  },
});
