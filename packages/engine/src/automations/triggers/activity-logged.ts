import { triggerConfigSchemas } from '@trellis/spec';
import { payloadString, recordSubject } from '../event-shape';
import { defineTrigger, sameEntity } from './define';

/** activity.logged {entity, activityType?}: an activity (call, trial class...) was logged on a record. */
export const activityLogged = defineTrigger({
  type: 'activity.logged',
  configSchema: triggerConfigSchemas['activity.logged'],
  events: ['activity.logged'],
  run: ({ event, config }, ctx) => {
    const type = payloadString(event, 'activityType', 'type');
    if (
      !sameEntity(event, config) ||
      (config.activityType !== undefined && config.activityType !== type)
    )
      return { fires: false };
    return { fires: true, subjects: [recordSubject(event, ctx)], ...(type ? { note: type } : {}) };
  },
});
