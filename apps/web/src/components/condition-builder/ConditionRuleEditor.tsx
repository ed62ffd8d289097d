import { Button, Flex, Select, type SelectProps } from 'antd';
import { DeleteOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { operatorOf, operatorsFor } from '../../lib/condition/operators';
import type { ConditionField, ConditionRule, ConditionScope } from '../../lib/condition/types';
import { ConditionValueInput } from './ConditionValueInput';

type Props = {
  rule: ConditionRule;
  fields: ConditionField[];
  scope: ConditionScope;
  onChange: (rule: ConditionRule) => void;
  onRemove: () => void;
  disabled?: boolean | undefined;
};

/** One row: field, operator, value. Changing the field keeps the operator when it still fits. */
export function ConditionRuleEditor({ rule, fields, scope, onChange, onRemove, disabled }: Props) {
  const { t } = useTranslation();
  const field = fields.find((f) => f.key === rule.field);
  const ops = field ? operatorsFor(field.kind, scope) : [];
  const op = operatorOf(rule.op);
  const own = fields.filter((f) => !f.system);
  const system = fields.filter((f) => f.system);
  const valued = field !== undefined && op !== undefined && op.value !== 'none';
  const toOption = (f: ConditionField) => ({ value: f.key, label: f.label });
  const fieldOptions: SelectProps['options'] =
    system.length > 0
      ? [
          { label: t('condition.fields'), options: own.map(toOption) },
          { label: t('condition.systemFields'), options: system.map(toOption) },
        ]
      : own.map(toOption);
  // Two halves that wrap as wholes in a narrow drawer: "field operator" above, "value 🗑" below —
  // never the delete button alone on a third line.
  return (
    <Flex gap={8} align="start" wrap className="trellis-condition-rule">
      <Flex gap={8} style={{ flex: '0 1 368px', minWidth: 0 }}>
        <Select
          aria-label={t('condition.field')}
          showSearch={{ optionFilterProp: 'label' }}
          value={rule.field}
          disabled={disabled}
          style={{ flex: '1 1 150px', minWidth: 0, maxWidth: 200 }}
          options={fieldOptions}
          onChange={(key: string) => {
            const next = fields.find((f) => f.key === key)!;
            const nextOps = operatorsFor(next.kind, scope);
            const keep = nextOps.find((o) => o.key === rule.op && next.kind === field?.kind);
            onChange({ kind: 'rule', field: key, op: keep?.key ?? nextOps[0]?.key ?? 'notEmpty' });
          }}
        />
        <Select
          aria-label={t('condition.operator')}
          value={rule.op}
          disabled={disabled}
          style={{ flex: '1 1 120px', minWidth: 0, maxWidth: 160 }}
          popupMatchSelectWidth={false}
          options={ops.map((o) => ({ value: o.key, label: t(`condition.op.${o.key}`) }))}
          onChange={(key: string) => {
            const next = operatorOf(key)!;
            const keepValue = next.value === op?.value && next.value !== 'none';
            onChange({
              kind: 'rule',
              field: rule.field,
              op: key,
              ...(keepValue ? { value: rule.value } : {}),
            });
          }}
        />
      </Flex>
      <Flex gap={8} align="start" style={{ flex: valued ? '1 1 220px' : '0 0 auto', minWidth: 0 }}>
        {valued ? (
          <ConditionValueInput
            field={field!}
            shape={op!.value}
            unit={op!.key === 'olderThanHours' ? 'hours' : 'days'}
            value={rule.value}
            disabled={disabled}
            onChange={(value) => onChange({ ...rule, value })}
          />
        ) : null}
        <Button
          type="text"
          icon={<DeleteOutlined />}
          aria-label={t('condition.remove')}
          disabled={disabled}
          onClick={onRemove}
        />
      </Flex>
    </Flex>
  );
}
