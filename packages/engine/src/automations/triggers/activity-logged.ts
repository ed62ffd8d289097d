import { triggerConfigSchemas } from '@trellis/spec';
import { payloadString, recordSubject } from '../event-shape';
import { defineTrigger, sameEntity } from './define';

/**
 * activity.logged {entity, activityType?, contactOnly?}: an activity (call, trial class...) was
 * logged on a record. `contactOnly` keeps only activity types that count as a contact, so a call,
 * a WeChat message or a visit all fire it and a note does not.
 */
export const activityLogged = defineTrigger({
  type: 'activity.logged',
  configSchema: triggerConfigSchemas['activity.logged'],
  events: ['activity.logged'],
  run: async ({ event, config }, ctx) => {
    const type = payloadString(event, 'activityType', 'type');
    if (
      !sameEntity(event, config) ||
      (config.activityType !== undefined && config.activityType !== type) ||
      (config.contactOnly === true && event.payload.countsAsContact === false)
    )
      return { fires: false };
    return {
      fires: true,
      subjects: [await recordSubject(event, ctx)],
      ...(type ? { note: type } : {}),
    };
  },
});
