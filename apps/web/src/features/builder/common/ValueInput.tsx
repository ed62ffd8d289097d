import { useState } from 'react';
import { Flex, Input, InputNumber, Segmented, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FieldSpec } from '@trellis/spec';
import { useLabel } from '../../../lib/i18n/useLabel';
import type { FormulaField } from '../formula/formula-fields';
import { FormulaEditor } from '../formula/FormulaEditor';

type Props = {
  /** The field set (its type picks the input of a fixed value). */
  field: FieldSpec | undefined;
  value: unknown;
  /** The fields a computed value may name (the triggering record's). */
  formulaFields: readonly FormulaField[];
  onChange: (v: unknown) => void;
};

const isLogic = (v: unknown) => v !== null && typeof v === 'object' && !Array.isArray(v);

/** One value an action sets: fixed (the input its field's type calls for) or computed by a formula. */
export function ValueInput({ field, value, formulaFields, onChange }: Props) {
  const { t } = useTranslation('builder');
  const [computed, setComputed] = useState(() => isLogic(value));
  return (
    <Flex vertical gap={4}>
      <Segmented
        size="small"
        value={computed ? 'computed' : 'fixed'}
        options={[
          { value: 'fixed', label: t('automations.fixedValue') },
          { value: 'computed', label: t('automations.computedValue') },
        ]}
        onChange={(mode) => {
          setComputed(mode === 'computed');
          // A formula's logic means nothing as a fixed value, and the other way round.
          if ((mode === 'computed') !== isLogic(value)) onChange(null);
        }}
      />
      {computed ? (
        <FormulaEditor
          label={t('automations.value')}
          value={value === null ? undefined : value}
          fields={formulaFields}
          onChange={(logic) => onChange(logic ?? null)}
        />
      ) : (
        <FixedValue field={field} value={value} onChange={onChange} />
      )}
    </Flex>
  );
}

function FixedValue({ field, value, onChange }: Omit<Props, 'formulaFields'>) {
  const label = useLabel();
  const { t } = useTranslation('builder');
  if (field && (field.type === 'select' || field.type === 'multiselect'))
    return (
      <Select
        aria-label={t('automations.value')}
        mode={field.type === 'multiselect' ? 'multiple' : undefined}
        value={value ?? undefined}
        style={{ width: '100%' }}
        options={field.options.map((o) => ({ value: o.value, label: label(o.label, o.value) }))}
        onChange={onChange}
      />
    );
  if (field?.type === 'boolean')
    return (
      <Switch aria-label={t('automations.value')} checked={value === true} onChange={onChange} />
    );
  if (field && ['number', 'percent', 'money'].includes(field.type))
    return (
      <InputNumber
        aria-label={t('automations.value')}
        value={typeof value === 'number' ? value : null}
        onChange={(n) => onChange(n ?? null)}
      />
    );
  return (
    <Input
      aria-label={t('automations.value')}
      value={typeof value === 'string' ? value : ''}
      placeholder={t('automations.valuePlaceholder', { token: '{{field}}' })}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}
