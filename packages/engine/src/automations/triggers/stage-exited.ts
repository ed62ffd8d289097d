import { triggerConfigSchemas } from '@trellis/spec';
import { payloadString, recordSubject } from '../event-shape';
import { defineTrigger, sameEntity } from './define';

/** stage.exited {entity, stage?}: a record left a stage (any stage when none given). */
export const stageExited = defineTrigger({
  type: 'stage.exited',
  configSchema: triggerConfigSchemas['stage.exited'],
  events: ['stage.changed'],
  run: async ({ event, config }, ctx) => {
    const from = payloadString(event, 'from', 'fromStage');
    if (
      !sameEntity(event, config) ||
      from === null ||
      (config.stage !== undefined && config.stage !== from)
    )
      return { fires: false };
    const s = await recordSubject(event, ctx);
    return {
      fires: true,
      subjects: [{ ...s, previous: s.record ? { ...s.record, stage: from } : null }],
    };
  },
});
