import type { AppSpec, EntitySpec, FieldSpec } from '@trellis/spec';
import type { SpecLabel } from '../i18n/label';
import type { ConditionField, ConditionOption, FieldKind } from './types';

type Label = (label: SpecLabel, fallback: string) => string;

const KIND_OF_TYPE: Record<string, FieldKind> = {
  text: 'text',
  longtext: 'text',
  email: 'text',
  phone: 'text',
  url: 'text',
  number: 'number',
  percent: 'number',
  money: 'money',
  date: 'date',
  datetime: 'datetime',
  boolean: 'boolean',
  select: 'choice',
  multiselect: 'multi',
  user: 'user',
  relation: 'ref',
};

/** How a field of the spec compares in a condition. */
function fieldKind(field: FieldSpec): FieldKind {
  if (field.type === 'formula') {
    const kinds: Record<string, FieldKind> = {
      number: 'number',
      text: 'text',
      boolean: 'boolean',
      date: 'date',
      money: 'money',
    };
    return kinds[field.resultType] ?? 'other';
  }
  return KIND_OF_TYPE[field.type] ?? 'other';
}

function optionsOf(field: FieldSpec, label: Label): ConditionOption[] | undefined {
  if (field.type !== 'select' && field.type !== 'multiselect') return undefined;
  return field.options.map((o) => ({
    value: o.value,
    label: label(o.label, o.value),
    ...(o.color ? { color: o.color } : {}),
  }));
}

/** System fields conditions may read, with their kind; labels come from the caller. */
const SYSTEM: { key: string; kind: FieldKind; owned?: boolean }[] = [
  { key: 'stage', kind: 'choice' },
  { key: 'ownerId', kind: 'user', owned: true },
  { key: 'teamId', kind: 'team', owned: true },
  { key: 'createdBy', kind: 'user' },
  { key: 'createdAt', kind: 'datetime' },
  { key: 'updatedAt', kind: 'datetime' },
  { key: 'stageEnteredAt', kind: 'datetime' },
  { key: 'lastActivityAt', kind: 'datetime' },
  { key: 'slaDueAt', kind: 'datetime' },
];

/**
 * The fields of an entity a condition may name, in the spec's order, then — with `system` —
 * the system fields (stage only when the entity has a pipeline; owner and team when owned).
 */
export function conditionFields(
  spec: AppSpec,
  entity: EntitySpec,
  label: Label,
  opts: { system?: boolean; systemLabel?: (key: string) => string } = {},
): ConditionField[] {
  const own = entity.fields.map((f): ConditionField => {
    const options = optionsOf(f, label);
    return {
      key: f.key,
      label: label(f.label, f.key),
      kind: fieldKind(f),
      ...(options ? { options } : {}),
    };
  });
  if (!opts.system) return own;
  const pipeline = (spec.pipelines ?? []).find((p) => p.entity === entity.key);
  const teams = (spec.teams ?? []).map((t) => ({ value: t.key, label: label(t.label, t.key) }));
  const system = SYSTEM.filter(
    (s) => (s.key !== 'stage' || pipeline) && (!s.owned || entity.owned !== false),
  ).map((s): ConditionField => ({
    key: s.key,
    label: opts.systemLabel?.(s.key) ?? s.key,
    kind: s.kind,
    system: true,
    ...(s.key === 'stage' && pipeline
      ? {
          options: pipeline.stages.map((st) => ({
            value: st.key,
            label: label(st.label, st.key),
            ...(st.color ? { color: st.color } : {}),
          })),
        }
      : {}),
    ...(s.key === 'teamId' ? { options: teams } : {}),
  }));
  return [...own, ...system];
}
