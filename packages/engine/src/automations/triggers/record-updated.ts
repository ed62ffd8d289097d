import { triggerConfigSchemas } from '@trellis/spec';
import { changedOf, recordSubject } from '../event-shape';
import { defineTrigger, sameEntity } from './define';

/** record.updated {entity, fields?}: a record changed (optionally: one of the watched fields). */
export const recordUpdated = defineTrigger({
  type: 'record.updated',
  configSchema: triggerConfigSchemas['record.updated'],
  // A stage change is an update too (the write path emits it as stage.changed with the same payload).
  events: ['record.updated', 'stage.changed'],
  run: async ({ event, config }, ctx) => {
    if (!sameEntity(event, config)) return { fires: false };
    const watched = config.fields as string[] | undefined;
    const changed = changedOf(event);
    if (watched && !watched.some((f) => changed.includes(f))) return { fires: false };
    return {
      fires: true,
      subjects: [await recordSubject(event, ctx, true)],
      note: changed.join(','),
    };
  },
});
