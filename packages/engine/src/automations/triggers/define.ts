import type { Locale } from '../../ports';
import { schemaErrors } from '../config';
import type {
  AutomationError,
  AutomationEvent,
  TriggerContext,
  TriggerModule,
  TriggerResult,
} from '../types';

type Spec = {
  type: string;
  configSchema: object;
  events: readonly string[];
  /** Semantic checks beyond the schema (run only when the schema passes). */
  check?: (config: Record<string, unknown>, locale: Locale) => AutomationError[];
  run: (
    input: { event: AutomationEvent; config: Record<string, unknown>; automationKey: string },
    ctx: TriggerContext,
  ) => TriggerResult | Promise<TriggerResult>;
};

/** Builds a trigger module whose validateConfig runs the schema, then the semantic checks. */
export function defineTrigger(spec: Spec): TriggerModule {
  return {
    type: spec.type,
    configSchema: spec.configSchema,
    events: spec.events,
    validateConfig(config, locale = 'zh-CN') {
      const errors = schemaErrors(spec.configSchema, config, locale);
      if (errors.length > 0 || !spec.check) return errors;
      return spec.check(config as Record<string, unknown>, locale);
    },
    run: spec.run,
  };
}

/** Fires only for events on `config.entity`. */
export function sameEntity(event: AutomationEvent, config: Record<string, unknown>): boolean {
  return event.entity === config.entity;
}
