import { triggerConfigSchemas } from '@trellis/spec';
import { payloadString, recordSubject } from '../event-shape';
import { defineTrigger, sameEntity } from './define';

/** sla.breached {entity, stage?}: the scheduler sweep found a record past its stage SLA. */
export const slaBreached = defineTrigger({
  type: 'sla.breached',
  configSchema: triggerConfigSchemas['sla.breached'],
  events: ['sla.breached'],
  run: async ({ event, config }, ctx) => {
    const stage = payloadString(event, 'stage');
    if (!sameEntity(event, config) || (config.stage !== undefined && config.stage !== stage))
      return { fires: false };
    return { fires: true, subjects: [await recordSubject(event, ctx)] };
  },
});
