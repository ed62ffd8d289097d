import { triggerConfigSchemas } from '@trellis/spec';
import { cronError } from '../../scheduler/cron';
import { configError } from '../config';
import { payloadString } from '../event-shape';
import { defineTrigger } from './define';

/** Default timezone of schedules (the spec's documented default). */
export const DEFAULT_TIMEZONE = 'Asia/Shanghai';

/**
 * schedule {cron, timezone?, entity?, query?, limit?}: fires on a timetable (the scheduler
 * writes one `schedule` event per due occurrence). With `entity`, the actions run once per
 * record matching `query` — compiled to SQL, so "every Monday, customers with no visit in 3
 * years" selects in the database, not in memory.
 */
export const schedule = defineTrigger({
  type: 'schedule',
  configSchema: triggerConfigSchemas.schedule,
  events: ['schedule'],
  check: (config, locale) => {
    const errors = [];
    const err = cronError(
      config.cron as string,
      (config.timezone as string | undefined) ?? DEFAULT_TIMEZONE,
    );
    if (err)
      errors.push(configError(locale, '/cron', 'cron.invalid', 'invalidCron', { detail: err }));
    if (config.query !== undefined && config.entity === undefined)
      errors.push(configError(locale, '/query', 'schedule.queryNeedsEntity', 'queryNeedsEntity'));
    return errors;
  },
  run: async ({ event, config, automationKey }, ctx) => {
    if (payloadString(event, 'automationKey') !== automationKey) return { fires: false };
    const entity = config.entity as string | undefined;
    if (!entity)
      return {
        fires: true,
        subjects: [{ entity: null, recordId: null, record: null, previous: null }],
      };
    const found = await ctx.queryRecords(
      entity,
      config.query ?? true,
      (config.limit as number | undefined) ?? 1000,
    );
    if (!found.ok)
      return {
        fires: true,
        subjects: [],
        error: found.errors.map((e) => `${e.path} ${e.message}`).join('; '),
      };
    return {
      fires: true,
      subjects: found.records.map((r) => ({
        entity,
        recordId: String(r.id),
        record: r,
        previous: null,
      })),
    };
  },
});
