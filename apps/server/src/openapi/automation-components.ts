/** Component schemas of automations and their run log: traces, actions, deliveries, runs. */
import {
  str,
  strOrNull,
  int,
  intOrNull,
  bool,
  anyObj,
  obj,
  ref,
  localeMap,
  type Schema,
} from './schema-kit';

export const AUTOMATION_COMPONENTS: Record<string, Schema> = {
  ConditionTrace: obj(
    {
      matched: bool,
      failed: {
        type: 'array',
        items: obj({ path: str, expr: {}, value: {}, error: str }, ['path']),
      },
      error: str,
    },
    ['matched', 'failed'],
  ),
  ActionResult: {
    oneOf: [
      obj({ ok: { const: true }, summary: str, data: anyObj }, ['ok', 'summary']),
      obj(
        {
          ok: { const: false },
          code: str,
          message: str,
          errors: { type: 'array', items: ref('ValidationIssue') },
        },
        ['ok', 'code', 'message'],
      ),
    ],
  },
  ActionLog: obj(
    {
      index: int,
      type: str,
      status: { enum: ['succeeded', 'failed', 'skipped'] },
      result: ref('ActionResult'),
      durationMs: { type: 'number' },
      replayed: bool,
      delivery: ref('DeliveryState'),
    },
    ['index', 'type', 'status', 'durationMs'],
  ),
  DeliveryState: obj(
    {
      id: str,
      status: { enum: ['pending', 'delivered', 'dead'] },
      attempts: int,
      lastError: strOrNull,
      deliveredAt: intOrNull,
    },
    ['id', 'status', 'attempts', 'lastError'],
  ),
  AutomationRun: obj(
    {
      id: str,
      eventId: strOrNull,
      automationKey: str,
      triggerType: str,
      entity: strOrNull,
      recordId: strOrNull,
      matched: bool,
      conditionTrace: { oneOf: [ref('ConditionTrace'), { type: 'null' }] },
      actions: { type: 'array', items: ref('ActionLog') },
      status: { enum: ['matched', 'skipped', 'failed', 'succeeded', 'stopped'] },
      error: strOrNull,
      depth: int,
      startedAt: int,
      durationMs: { type: 'number' },
      dryRun: bool,
    },
    ['id', 'automationKey', 'triggerType', 'matched', 'actions', 'status', 'startedAt', 'dryRun'],
  ),
  Automation: obj(
    {
      key: str,
      label: localeMap,
      enabled: bool,
      on: obj({ type: str }, ['type']),
      if: {},
      do: { type: 'array', items: obj({ type: str }, ['type']) },
    },
    ['key', 'on', 'do'],
  ),
  /** A list or board of records: one of the spec's views or one the caller saved. */
};
