import { triggerConfigSchemas } from '@trellis/spec';
import { payloadString, recordSubject } from '../event-shape';
import { defineTrigger } from './define';

/** webhook.received {source}: an inbound webhook source delivered a record. */
export const webhookReceived = defineTrigger({
  type: 'webhook.received',
  configSchema: triggerConfigSchemas['webhook.received'],
  events: ['webhook.received'],
  run: async ({ event, config }, ctx) =>
    payloadString(event, 'source', 'sourceKey') === config.source
      ? { fires: true, subjects: [await recordSubject(event, ctx)] }
      : { fires: false },
});
