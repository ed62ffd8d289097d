import type { AppSpec, SpecChange } from '@trellis/spec';
import type { PlanStep, PlanWarning } from './types';

type Label = (label: unknown, fallback: string) => string;

/** A sentence of the builder's strings: its key and what fills it. */
export type Sentence = { key: string; params: Record<string, string | number> };

/** The name people know a spec item by (its label in their language), else its key. */
function itemName(item: unknown, label: Label): string {
  const o = (item ?? {}) as { key?: string; value?: string; label?: unknown };
  return label(o.label, o.key ?? o.value ?? '');
}

function entityName(spec: AppSpec, key: string | undefined, label: Label): string {
  const e = spec.entities.find((x) => x.key === key);
  return e ? label(e.label, e.key) : (key ?? '');
}

function fieldName(spec: AppSpec, entity: string, field: string, label: Label): string {
  const f = spec.entities.find((e) => e.key === entity)?.fields.find((x) => x.key === field);
  return f ? label(f.label, f.key) : field;
}

type T = (key: string, params?: Record<string, unknown>) => string;

/**
 * A change as a sentence: "Added field “Phone” in “Lead”", "Changed stage “Trial” (requires)".
 * `names` (the spec the change leads to, with removed items kept) names the entity it sits in.
 */
export function changeText(t: T, change: SpecChange, names: AppSpec, label: Label): string {
  const item = change.op === 'removed' ? change.before : change.after;
  const name = itemName(item, label) || change.key;
  const where =
    change.entity && change.kind !== 'entity'
      ? t('changes.in', {
          place: change.field
            ? `${entityName(names, change.entity, label)} · ${fieldName(names, change.entity, change.field, label)}`
            : entityName(names, change.entity, label),
        })
      : change.pipeline
        ? t('changes.in', { place: change.pipeline })
        : '';
  const props = change.changes?.length
    ? t('changes.props', {
        props: change.changes
          .map((p) => t(`props.${p}`, { defaultValue: p }))
          .join(t('changes.comma')),
      })
    : '';
  return t(`changes.${change.op}`, { kind: t(`kinds.${change.kind}`), name, where, props });
}

/** Steps people need not read (indexes and the search index follow the fields by themselves). */
export const QUIET_STEPS: ReadonlySet<PlanStep['kind']> = new Set(['syncIndexes', 'rebuildSearch']);

/** Whether a step throws values or records away from where people see them (archive, convert). */
export function isDestructive(step: PlanStep): boolean {
  switch (step.kind) {
    case 'archiveEntity':
      return step.records > 0;
    case 'archiveField':
      return step.values > 0;
    case 'convertField':
      return step.unconvertible > 0;
    default:
      return false;
  }
}

/** A migration step as a sentence. */
export function describeStep(step: PlanStep, spec: AppSpec, label: Label): Sentence {
  const entity = entityName(spec, step.entity, label);
  const field = 'field' in step ? fieldName(spec, step.entity, step.field, label) : '';
  const count =
    'records' in step
      ? step.records
      : 'values' in step
        ? step.values
        : 'unconvertible' in step
          ? step.unconvertible
          : 0;
  const option =
    'option' in step ? optionName(spec, step.entity, step.field, step.option, label) : '';
  return { key: `steps.${step.kind}`, params: { entity, field, count, option } };
}

function optionName(
  spec: AppSpec,
  entity: string,
  field: string,
  value: string,
  label: Label,
): string {
  const f = spec.entities.find((e) => e.key === entity)?.fields.find((x) => x.key === field);
  const o = f && 'options' in f ? f.options.find((x) => x.value === value) : undefined;
  return o ? label(o.label, o.value) : value;
}

function stageName(spec: AppSpec, entity: string, stage: string, label: Label): string {
  const s = (spec.pipelines ?? [])
    .find((p) => p.entity === entity)
    ?.stages.find((x) => x.key === stage);
  return s ? label(s.label, s.key) : stage;
}

/**
 * A warning of the plan as a sentence naming the entity, fields, option and stage as people
 * know them (the server's own text names them by key).
 */
export function describeWarning(w: PlanWarning, spec: AppSpec, label: Label): Sentence {
  const field = (w.field ?? '')
    .split('+')
    .map((f) => fieldName(spec, w.entity, f, label))
    .join(' + ');
  return {
    key: `warningText.${w.code}`,
    params: {
      entity: entityName(spec, w.entity, label),
      field,
      option:
        w.option !== undefined && w.field
          ? optionName(spec, w.entity, w.field, w.option, label)
          : '',
      stage: w.stage ? stageName(spec, w.entity, w.stage, label) : '',
      count: w.counts.affected.toLocaleString('en-US'),
    },
  };
}
