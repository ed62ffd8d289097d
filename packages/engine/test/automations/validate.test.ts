import { describe, expect, it } from 'vitest';
import { actions, triggers, validateAutomation } from '../../src/automations';
import {
  actionConfigSchemas,
  triggerConfigSchemas,
  ACTION_TYPES,
  TRIGGER_TYPES,
} from '@trellis/spec';
import { educationSpec } from './support/education';

const label = { 'zh-CN': '测试', en: 'Test' };

describe('trigger and action registry', () => {
  it("has one module per spec trigger and action type, using the spec's config schema", () => {
    expect(Object.keys(triggers).sort()).toEqual([...TRIGGER_TYPES].sort());
    expect(Object.keys(actions).sort()).toEqual([...ACTION_TYPES].sort());
    for (const t of TRIGGER_TYPES) expect(triggers[t]?.configSchema).toBe(triggerConfigSchemas[t]);
    for (const a of ACTION_TYPES) expect(actions[a]?.configSchema).toBe(actionConfigSchemas[a]);
  });

  it('accepts every automation of the education template', () => {
    for (const a of educationSpec().automations ?? [])
      expect(validateAutomation(a, 'en')).toEqual([]);
  });
});

describe('validateAutomation', () => {
  it('reports schema errors with JSON pointers, in English and Chinese', () => {
    const bad = {
      key: 'x',
      label,
      on: { type: 'record.created', entity: 'lead', extra: 1 },
      do: [{ type: 'assign', strategy: 'sideways', team: 'tech' }],
    };
    const en = validateAutomation(bad, 'en');
    expect(en.map((e) => [e.path, e.code])).toEqual([
      ['/on/extra', 'schema.additionalProperties'],
      ['/do/0/strategy', 'schema.enum'],
    ]);
    expect(en[1]?.message).toBe('must be equal to one of the allowed values');
    const zh = validateAutomation(bad, 'zh-CN');
    expect(zh[1]?.message).toBe('应当是预设定的枚举值之一');
  });

  it('checks what the schema cannot: cron, timezone, durations, strategy needs', () => {
    const errs = validateAutomation(
      {
        on: {
          type: 'schedule',
          cron: '0 25 * * *',
          timezone: 'Mars/Olympus',
          query: { '==': [1, 1] },
        },
        do: [
          { type: 'createTask', title: 't', assignee: 'owner', dueIn: 'soon' },
          { type: 'assign', strategy: 'roundRobin' },
          { type: 'assign', strategy: 'rules', rules: [{ if: true, team: 'a', user: 'b' }] },
          { type: 'notify', channel: 'webhook', message: 'x' },
          { type: 'notify', channel: 'inApp', message: 'x' },
          { type: 'teleport' },
        ],
      },
      'en',
    );
    expect(errs.map((e) => [e.path, e.code])).toEqual([
      ['/on/cron', 'cron.invalid'],
      ['/on/query', 'schedule.queryNeedsEntity'],
      ['/do/0/dueIn', 'duration.invalid'],
      ['/do/1/team', 'assign.needsTeam'],
      ['/do/2/rules/0', 'assign.targetNeedsOne'],
      ['/do/3/url', 'notify.needsUrl'],
      ['/do/4/to', 'notify.needsTo'],
      ['/do/5/type', 'action.unknown'],
    ]);
    expect(errs[2]?.message).toBe('"soon" is not a duration (e.g. 30m, 48h, 7d, PT48H)');
    expect(validateAutomation({ on: { type: 'createTask' }, do: [] }, 'zh-CN')[0]).toMatchObject({
      path: '/on/type',
      code: 'trigger.unknown',
      message: '未知的触发器：createTask',
    });
    expect(validateAutomation(null, 'en')).toEqual([
      { path: '', code: 'schema.type', message: 'must be an object' },
    ]);
  });
});
