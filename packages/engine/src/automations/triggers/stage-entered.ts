import { triggerConfigSchemas } from '@trellis/spec';
import { payloadString, recordSubject } from '../event-shape';
import { defineTrigger, sameEntity } from './define';

/** stage.entered {entity, stage?}: a record moved into a stage (any stage when none given). */
export const stageEntered = defineTrigger({
  type: 'stage.entered',
  configSchema: triggerConfigSchemas['stage.entered'],
  events: ['stage.changed'],
  run: async ({ event, config }, ctx) => {
    const to = payloadString(event, 'to', 'toStage');
    if (
      !sameEntity(event, config) ||
      to === null ||
      (config.stage !== undefined && config.stage !== to)
    )
      return { fires: false };
    const s = await recordSubject(event, ctx);
    const from = payloadString(event, 'from', 'fromStage');
    return {
      fires: true,
      subjects: [{ ...s, previous: s.record ? { ...s.record, stage: from } : null }],
    };
  },
});
