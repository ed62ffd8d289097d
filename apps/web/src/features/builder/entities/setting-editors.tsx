import type { ComponentType } from 'react';
import { InputNumber, Select } from 'antd';
import type { AppSpec, EntitySpec, FieldSpec, FormulaFieldSpec } from '@trellis/spec';
import { useLabel } from '../../../lib/i18n/useLabel';
import type { Change } from '../draft/change';
import { formulaFields } from '../formula/formula-fields';
import { FormulaEditor } from '../formula/FormulaEditor';
import type { ResultKind } from '../formula/formula-type';
import { OptionsEditor } from './OptionsEditor';

/** What an editor of one field setting gets. */
export type SettingEditorProps = {
  spec: AppSpec;
  entity: EntitySpec;
  field: FieldSpec;
  label: string;
  value: unknown;
  /** The new value, or how to make it from the setting as the draft holds it (see Change). */
  onChange: (change: Change<unknown>) => void;
};

/** Money is held in fen; people type yuan. */
function Yuan({ label, value, onChange }: SettingEditorProps) {
  return (
    <InputNumber
      aria-label={label}
      prefix="¥"
      precision={2}
      value={typeof value === 'number' ? value / 100 : null}
      onChange={(n) => onChange(n === null ? undefined : Math.round(n * 100))}
    />
  );
}

function OptionPicker({ field, label, value, onChange }: SettingEditorProps) {
  const l = useLabel();
  const multi = field.type === 'multiselect';
  const options =
    'options' in field
      ? field.options.map((o) => ({ value: o.value, label: l(o.label, o.value) }))
      : [];
  return (
    <Select
      aria-label={label}
      allowClear
      mode={multi ? 'multiple' : undefined}
      value={value ?? (multi ? [] : undefined)}
      options={options}
      style={{ maxWidth: 420 }}
      onChange={(v: unknown) =>
        onChange(Array.isArray(v) ? (v.length ? v : undefined) : (v ?? undefined))
      }
    />
  );
}

function RelatedEntity({ spec, label, value, onChange }: SettingEditorProps) {
  const l = useLabel();
  return (
    <Select
      aria-label={label}
      value={value ?? undefined}
      style={{ maxWidth: 320 }}
      options={spec.entities.map((e) => ({ value: e.key, label: l(e.label, e.key) }))}
      onChange={onChange}
    />
  );
}

function Options(props: SettingEditorProps) {
  return <OptionsEditor {...props} />;
}

/** A formula over the record's other fields (itself left out: that would be a cycle). */
function Expression({ spec, entity, field, label, value, onChange }: SettingEditorProps) {
  const l = useLabel();
  const fields = formulaFields(spec, entity, l).filter((f) => f.key !== field.key);
  const expected = field.type === 'formula' ? DECLARED_KIND[field.resultType] : undefined;
  return (
    <FormulaEditor
      label={label}
      value={value}
      fields={fields}
      expected={expected}
      onChange={onChange}
    />
  );
}

/** A formula field's result type as the kind of value its formula should give. */
const DECLARED_KIND: Record<FormulaFieldSpec['resultType'], ResultKind> = {
  number: 'number',
  money: 'number',
  text: 'text',
  boolean: 'boolean',
  date: 'date',
};

/**
 * Settings with an editor of their own, by `<type>.<setting>` (or `*.<setting>` for any type);
 * every other setting gets an input generated from its schema (SchemaInput).
 */
export const SETTING_EDITORS: Record<string, ComponentType<SettingEditorProps>> = {
  'select.options': Options,
  'multiselect.options': Options,
  'select.default': OptionPicker,
  'multiselect.default': OptionPicker,
  'money.min': Yuan,
  'money.max': Yuan,
  'money.default': Yuan,
  'relation.entity': RelatedEntity,
  'formula.expression': Expression,
};
