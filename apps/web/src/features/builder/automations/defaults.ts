import {
  actionConfigSchemas,
  triggerConfigSchemas,
  type ActionSpec,
  type ActionType,
  type AppSpec,
  type TriggerSpec,
  type TriggerType,
} from '@trellis/spec';

type Props = Record<string, { default?: unknown }>;

const required = (schema: { required?: string[] }) => schema.required ?? [];

/**
 * The smallest valid-looking config of a trigger: its required keys filled with the first
 * sensible choice of the draft (the first entity, form, …), for the builder to adjust.
 */
export function newTrigger(type: TriggerType, spec: AppSpec): TriggerSpec {
  const schema = triggerConfigSchemas[type] as unknown as { required?: string[] };
  return fill({ type }, required(schema), spec) as TriggerSpec;
}

/** The smallest config of an action, as for a trigger. */
export function newAction(type: ActionType, spec: AppSpec): ActionSpec {
  const schema = actionConfigSchemas[type] as unknown as {
    required?: string[];
    properties: Props;
  };
  return fill({ type }, required(schema), spec) as ActionSpec;
}

const FIRST: Record<string, (spec: AppSpec) => unknown> = {
  entity: (s) => s.entities[0]?.key ?? '',
  form: (s) => s.forms?.[0]?.key ?? '',
  source: (s) => s.webhookSources?.[0]?.key ?? '',
  field: (s) => s.entities[0]?.fields[0]?.key ?? '',
  stage: (s) => s.pipelines?.[0]?.stages[0]?.key ?? '',
  cron: () => '0 9 * * 1-5',
  label: () => ({ 'zh-CN': '执行', en: 'Run' }),
  strategy: () => 'roundRobin',
  title: () => ({ 'zh-CN': '跟进', en: 'Follow up' }),
  assignee: () => 'owner',
  dueIn: () => '1d',
  tag: () => 'follow-up',
  channel: () => 'inApp',
  message: () => ({ 'zh-CN': '请查看', en: 'Please have a look' }),
  values: () => ({}),
  url: () => 'https://',
  to: () => 'owner',
};

function fill(base: Record<string, unknown>, keys: string[], spec: AppSpec) {
  for (const key of keys) if (key !== 'type' && FIRST[key]) base[key] = FIRST[key](spec);
  return base;
}
