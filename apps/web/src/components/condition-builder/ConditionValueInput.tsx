import { DatePicker, Flex, Input, InputNumber, Select, Tag } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { OperatorValue } from '../../lib/condition/operators';
import type { ConditionField } from '../../lib/condition/types';
import { useUsers } from '../../lib/session/useUsers';

type Props = {
  field: ConditionField;
  shape: OperatorValue;
  unit: 'days' | 'hours';
  value: unknown;
  onChange: (value: unknown) => void;
  disabled?: boolean | undefined;
};

/** The value of a rule, typed by the field: yuan for money (stored as fen), dates, options, people. */
export function ConditionValueInput({ field, shape, unit, value, onChange, disabled }: Props) {
  const { t } = useTranslation();
  if (shape === 'count')
    return (
      <InputNumber
        aria-label={t('condition.value')}
        min={0}
        value={typeof value === 'number' ? value : null}
        disabled={disabled}
        suffix={t(`condition.unit.${unit}`)}
        style={{ width: 140 }}
        onChange={(n) => onChange(n ?? null)}
      />
    );
  if (shape === 'range') {
    const [lo, hi] = Array.isArray(value) ? value : [null, null];
    return (
      <Flex gap={4} align="center">
        <Single field={field} value={lo} disabled={disabled} onChange={(v) => onChange([v, hi])} />
        <span aria-hidden>–</span>
        <Single field={field} value={hi} disabled={disabled} onChange={(v) => onChange([lo, v])} />
      </Flex>
    );
  }
  if (shape === 'list')
    return <ListInput field={field} value={value} disabled={disabled} onChange={onChange} />;
  return <Single field={field} value={value} disabled={disabled} onChange={onChange} />;
}

type SingleProps = Omit<Props, 'shape' | 'unit'>;

function Single({ field, value, onChange, disabled }: SingleProps) {
  const { t } = useTranslation();
  const label = t('condition.value');
  const people = usePeople(field.kind === 'user');
  switch (field.kind) {
    case 'number':
      return (
        <InputNumber
          aria-label={label}
          value={asNumber(value)}
          disabled={disabled}
          onChange={(n) => onChange(n ?? null)}
          style={{ width: 140 }}
        />
      );
    case 'money':
      // People think in yuan; the record (and the condition) holds fen.
      return (
        <InputNumber
          aria-label={label}
          prefix="¥"
          value={asNumber(value) === null ? null : (value as number) / 100}
          disabled={disabled}
          precision={2}
          onChange={(n) => onChange(n === null ? null : Math.round(n * 100))}
          style={{ width: 160 }}
        />
      );
    case 'date':
    case 'datetime':
      return (
        <DatePicker
          aria-label={label}
          showTime={field.kind === 'datetime'}
          disabled={disabled}
          value={
            value === null || value === undefined || value === ''
              ? null
              : dayjs(value as string | number)
          }
          onChange={(d) =>
            onChange(d ? (field.kind === 'date' ? d.format('YYYY-MM-DD') : d.valueOf()) : null)
          }
        />
      );
    case 'choice':
    case 'multi':
    case 'team':
    case 'user':
      return (
        <Select
          aria-label={label}
          showSearch={{ optionFilterProp: 'title' }}
          value={value ?? undefined}
          disabled={disabled}
          style={{ minWidth: 160 }}
          popupMatchSelectWidth={false}
          options={field.kind === 'user' ? people : optionItems(field)}
          onChange={(v: unknown) => onChange(v ?? null)}
        />
      );
    default:
      return (
        <Input
          aria-label={label}
          value={typeof value === 'string' || typeof value === 'number' ? String(value) : ''}
          disabled={disabled}
          onChange={(e) => onChange(e.target.value)}
          style={{ width: 180 }}
        />
      );
  }
}

function ListInput({ field, value, onChange, disabled }: SingleProps) {
  const { t } = useTranslation();
  const people = usePeople(field.kind === 'user');
  const list = Array.isArray(value) ? value : [];
  const fixed = field.kind === 'choice' || field.kind === 'team' || field.kind === 'user';
  return (
    <Select
      aria-label={t('condition.value')}
      mode={fixed ? 'multiple' : 'tags'}
      value={list}
      disabled={disabled}
      style={{ flex: '1 1 200px', minWidth: 160 }}
      popupMatchSelectWidth={false}
      options={field.kind === 'user' ? people : fixed ? optionItems(field) : []}
      tokenSeparators={fixed ? undefined : [',', '，']}
      onChange={(v: unknown[]) => onChange(v)}
    />
  );
}

function optionItems(field: ConditionField) {
  return (field.options ?? []).map((o) => ({
    value: o.value,
    title: o.label,
    label: o.color ? <Tag color={o.color}>{o.label}</Tag> : o.label,
  }));
}

/** Everyone in the workspace as options (loaded only when a user field is being compared). */
function usePeople(enabled: boolean) {
  const users = useUsers();
  if (!enabled) return [];
  return (users.data ?? []).map((u) => ({
    value: u.id,
    title: u.name ?? u.login,
    label: u.name ?? u.login,
  }));
}

const asNumber = (v: unknown): number | null => (typeof v === 'number' ? v : null);
