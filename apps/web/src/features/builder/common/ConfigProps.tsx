import type { ReactNode } from 'react';
import { Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { RECIPIENT_PATTERN, type AppSpec, type EntitySpec } from '@trellis/spec';
import { ConditionBuilder } from '../../../components/condition-builder/ConditionBuilder';
import { conditionFields } from '../../../lib/condition/fields';
import type { SpecLabel } from '../../../lib/i18n/label';
import { useLabel } from '../../../lib/i18n/useLabel';
import { isPeriodRangeSchema, PeriodRangeInput } from './PeriodRangeInput';
import { SpendInput } from './SpendInput';
import { LocaleTextInput } from './LocaleTextInput';
import { ProblemText } from './ProblemText';
import { RecipientSelect } from './RecipientSelect';
import { SchemaInput, type PropSchema } from './SchemaInput';
import { SchemaObjectInput } from './SchemaObjectInput';
import { useSystemLabel } from './useSystemLabel';
import type { Change } from '../draft/change';
import type { SpecProblem } from '../draft/draft-store';
import { useDraftSpec } from '../draft/useDraft';
import { FieldValuesEditor } from './FieldValuesEditor';
import { formulaFields } from '../formula/formula-fields';
import { FormulaEditor } from '../formula/FormulaEditor';
import { AssignRules } from './assign/AssignRules';
import { AssignTargetSelect } from './assign/AssignTargetSelect';
import { PersonNumbers } from './assign/PersonNumbers';
import { PersonSelect } from './assign/PersonSelect';

export type ConfigSchema = {
  properties: Record<string, PropSchema & { pattern?: string; anyOf?: PropSchema[] }>;
  required?: string[];
};

type Props = {
  /** The trigger's or action's config schema (from @trellis/spec). */
  schema: ConfigSchema;
  value: Record<string, unknown>;
  /** A change of one property (apply it to the latest config: see Change). */
  onChange: (key: string, change: Change<unknown>) => void;
  /** The entity the automation's records belong to (field and stage pickers). */
  entity: EntitySpec | undefined;
  problems: (key: string) => SpecProblem[];
  /** Property names in the builder's strings (`automations.props.<key>`). */
  ns: string;
  /** Whether a property matters for this config (default: the assign strategies' rules). */
  shown?: (key: string, config: Record<string, unknown>) => boolean;
};

type Ctx = {
  spec: AppSpec;
  entity: EntitySpec | undefined;
  /** The whole config (createRecord's link field depends on its entity). */
  config: Record<string, unknown>;
  label: (l: SpecLabel, fallback?: string) => string;
};

type Options = (c: Ctx) => { value: string; label: string }[];

/** The entity a `via` relation field of the config leads to. */
function relatedEntity(c: Ctx): EntitySpec | undefined {
  const via = c.config['via'];
  const rel = c.entity?.fields.find((f) => f.key === via);
  return rel?.type === 'relation' ? c.spec.entities.find((e) => e.key === rel.entity) : undefined;
}

const keyed =
  (items: (c: Ctx) => { key: string; label: SpecLabel }[] | undefined): Options =>
  (c) =>
    (items(c) ?? []).map((x) => ({ value: x.key, label: c.label(x.label, x.key) }));

/** Pickers of the draft's own things, by property name: the registry of smart config inputs. */
const PICKS: Record<string, Options> = {
  entity: keyed((c) => c.spec.entities),
  form: keyed((c) => c.spec.forms),
  source: keyed((c) => c.spec.webhookSources),
  team: keyed((c) => c.spec.teams),
  roles: keyed((c) => c.spec.roles),
  activityType: keyed((c) => c.spec.activityTypes),
  stage: keyed((c) => (c.spec.pipelines ?? []).find((p) => p.entity === c.entity?.key)?.stages),
  // A widget grouped `via` a relation field picks its field among the related entity's.
  field: keyed((c) => relatedEntity(c)?.fields ?? c.entity?.fields),
  via: keyed((c) => c.entity?.fields.filter((f) => f.type === 'relation' && !f.multiple)),
  fields: keyed((c) => c.entity?.fields),
  linkField: keyed((c) =>
    c.spec.entities
      .find((e) => e.key === c.config['entity'])
      ?.fields.filter((f) => f.type === 'relation'),
  ),
};

type PeopleInput = (p: {
  name: string;
  value: unknown;
  set: (v: Change<unknown>) => void;
  config: Record<string, unknown>;
  entity: EntitySpec | undefined;
}) => ReactNode;

/**
 * Settings that name people or teams (`<type>.<property>`): picked by name, stored by login or
 * key — shares, caps, fallback and rules were JSON boxes a builder could not be expected to type.
 */
const PEOPLE: Record<string, PeopleInput> = {
  'assign.user': (p) => <PersonSelect label={p.name} value={p.value} onChange={p.set} />,
  'claimFromPool.user': (p) => <PersonSelect label={p.name} value={p.value} onChange={p.set} />,
  'assign.fallback': (p) => <AssignTargetSelect label={p.name} value={p.value} onChange={p.set} />,
  'assign.weights': (p) => (
    <PersonNumbers kind="share" value={p.value} team={p.config['team']} onChange={p.set} />
  ),
  'assign.caps': (p) => (
    <PersonNumbers kind="cap" value={p.value} team={p.config['team']} onChange={p.set} />
  ),
  'assign.rules': (p) => <AssignRules value={p.value} entity={p.entity} onChange={p.set} />,
};

const strategyIn =
  (...strategies: string[]) =>
  (config: Record<string, unknown>) =>
    strategies.includes(String(config['strategy']));

const webhook = (config: Record<string, unknown>) => config['channel'] === 'webhook';
const dingtalk = (config: Record<string, unknown>) =>
  webhook(config) && config['format'] === 'dingtalk';

/**
 * Settings that only matter for some choices of the others (`<type>.<property>`): hidden
 * otherwise, unless they hold a value (nothing set is ever hidden from the builder).
 */
const RELEVANT: Record<string, (config: Record<string, unknown>) => boolean> = {
  'assign.team': strategyIn('roundRobin', 'leastLoaded'),
  'assign.user': strategyIn('user'),
  'assign.rules': strategyIn('rules'),
  'assign.fallback': strategyIn('roundRobin', 'leastLoaded', 'rules'),
  'assign.weights': strategyIn('roundRobin'),
  'assign.caps': strategyIn('roundRobin', 'leastLoaded'),
  'assign.skipInactive': strategyIn('roundRobin', 'leastLoaded', 'rules'),
  'assign.roles': strategyIn('roundRobin', 'leastLoaded'),
  // A notification's settings follow where it goes: people for in-app and email, an address,
  // a payload format and (DingTalk robots) a signing secret for a webhook.
  'notify.to': (c) => c['channel'] !== 'webhook',
  'notify.subject': (c) => c['channel'] === 'email',
  'notify.url': webhook,
  'notify.format': webhook,
  'notify.secretRef': dingtalk,
  'digest.url': webhook,
  'digest.format': webhook,
  'digest.secretRef': dingtalk,
};

/**
 * A config form generated from a JSON schema: each property gets the input its name or shape
 * calls for — pickers of the draft's entities, forms, stages, fields, teams; the condition
 * builder for logic; recipients; text per language; generic inputs (SchemaInput) for the rest;
 * objects and lists of objects as forms of their schema (SchemaObjectInput).
 */
export function ConfigProps({ schema, value, onChange, entity, problems, ns, shown }: Props) {
  const { t } = useTranslation('builder');
  const label = useLabel();
  const systemLabel = useSystemLabel();
  const spec = useDraftSpec();
  const required = new Set(schema.required ?? []);
  const keys = Object.keys(schema.properties).filter(
    (k) =>
      k !== 'type' &&
      (value[k] !== undefined ||
        (shown ?? ((key, c) => RELEVANT[`${String(c['type'])}.${key}`]?.(c) ?? true))(k, value)),
  );
  return (
    <>
      {keys.map((key) => {
        const prop = schema.properties[key]!;
        const name = t(`${ns}.${key}`, { defaultValue: key });
        const set = (v: Change<unknown>) => onChange(key, v);
        const v = value[key];
        const editor = (): ReactNode => {
          const people = PEOPLE[`${String(value['type'])}.${key}`];
          if (people) return people({ name, value: v, set, config: value, entity });
          const picks = PICKS[key];
          if (picks) {
            const multiple = prop.type === 'array';
            return (
              <Select
                aria-label={name}
                mode={multiple ? 'multiple' : undefined}
                allowClear={!required.has(key)}
                showSearch
                optionFilterProp="label"
                value={v ?? (multiple ? [] : undefined)}
                style={{ maxWidth: 420, width: '100%' }}
                options={picks({ spec, entity, config: value, label })}
                onChange={(x: unknown) =>
                  set(Array.isArray(x) ? (x.length ? x : undefined) : (x ?? undefined))
                }
              />
            );
          }
          if (
            prop.pattern === RECIPIENT_PATTERN ||
            prop.items?.['pattern' as never] === RECIPIENT_PATTERN
          ) {
            const many = prop.type === 'array';
            return (
              <RecipientSelect
                ariaLabel={name}
                entity={entity}
                value={many ? (v as string[] | undefined) : v ? [v as string] : []}
                onChange={(next) =>
                  set(many ? (next.length ? next : undefined) : (next.at(-1) ?? undefined))
                }
              />
            );
          }
          // A webhook's body is a value computed from the record, not a condition.
          if (String(value['type']) === 'callWebhook' && key === 'body')
            return (
              <FormulaEditor
                label={name}
                value={v}
                fields={entity ? formulaFields(spec, entity, label, systemLabel) : []}
                onChange={set}
              />
            );
          if (prop.type === undefined && !prop.anyOf && !prop.properties)
            return (
              <ConditionBuilder
                value={v}
                fields={
                  entity ? conditionFields(spec, entity, label, { system: true, systemLabel }) : []
                }
                scope={{ user: true }}
                emptyText={t('automations.noCondition')}
                onChange={set}
              />
            );
          if (key === 'values')
            return (
              <FieldValuesEditor
                entity={spec.entities.find((e) => e.key === value['entity']) ?? entity}
                source={entity}
                value={v as Record<string, unknown> | undefined}
                onChange={set}
              />
            );
          if (prop.anyOf?.some((s) => s.properties?.['zh-CN']))
            return <LocaleTextInput label={name} value={v} onChange={set} />;
          if (key === 'spend') return <SpendInput value={v} onChange={set} />;
          if (isPeriodRangeSchema(prop))
            return <PeriodRangeInput label={name} value={v} onChange={set} />;
          if (
            (prop.type === 'object' && !prop.properties?.['zh-CN']) ||
            (prop.type === 'array' && prop.items?.type === 'object')
          )
            return (
              <SchemaObjectInput
                schema={prop}
                label={name}
                value={v}
                onChange={set}
                propLabel={(k) => t(`${ns}.${k}`, { defaultValue: k })}
              />
            );
          if (prop.type === 'string' && !prop.enum && !prop.format)
            return (
              <Input
                aria-label={name}
                value={typeof v === 'string' ? v : ''}
                style={{ maxWidth: 420 }}
                onChange={(e) => set(e.target.value === '' ? undefined : e.target.value)}
              />
            );
          return (
            <SchemaInput
              schema={prop}
              label={name}
              value={v}
              onChange={set}
              enumLabel={(x) => t(`${ns}Values.${key}.${x}`, { defaultValue: x })}
            />
          );
        };
        return (
          <Form.Item key={key} label={name} required={required.has(key)}>
            {editor()}
            <ProblemText problems={problems(key)} />
          </Form.Item>
        );
      })}
    </>
  );
}
