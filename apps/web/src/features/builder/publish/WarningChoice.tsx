import { DatePicker, Input, InputNumber, Radio, Select, Space, Switch } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { AppSpec, FieldSpec } from '@trellis/spec';
import { useLabel } from '../../../lib/i18n/useLabel';
import type { PlanWarning, Resolution, ResolutionKind } from './types';

type Props = {
  warning: PlanWarning;
  names: AppSpec;
  value: Resolution | undefined;
  onChange: (r: Resolution) => void;
};

/** The builder's choice for a blocking warning: fill a value, keep old records as they are, ... */
export function WarningChoice({ warning, names, value, onChange }: Props) {
  const { t } = useTranslation('builder');
  const field = names.entities
    .find((e) => e.key === warning.entity)
    ?.fields.find((f) => f.key === warning.field);
  const pick = (kind: ResolutionKind): Resolution =>
    kind === 'default'
      ? { kind, value: warning.suggestedValue ?? null }
      : kind === 'mapOption'
        ? { kind, to: null }
        : { kind };
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Radio.Group
        value={value?.kind}
        onChange={(e) => onChange(pick(e.target.value as ResolutionKind))}
        aria-label={t('publish.choice')}
      >
        <Space orientation="vertical">
          {warning.resolutions.map((kind) => (
            <Radio key={kind} value={kind}>
              {t(`resolutions.${kind}`)}
            </Radio>
          ))}
        </Space>
      </Radio.Group>
      {value?.kind === 'default' ? (
        <FillValue
          field={field}
          value={value.value}
          onChange={(v) => onChange({ kind: 'default', value: v })}
        />
      ) : null}
      {value?.kind === 'mapOption' && field && 'options' in field ? (
        <OptionTarget
          field={field}
          except={warning.option}
          value={value.to}
          onChange={(to) => onChange({ kind: 'mapOption', to })}
        />
      ) : null}
    </Space>
  );
}

/** The value existing records get, typed by the field (yuan for money, held as fen). */
function FillValue({
  field,
  value,
  onChange,
}: {
  field: FieldSpec | undefined;
  value: unknown;
  onChange: (v: unknown) => void;
}) {
  const { t } = useTranslation('builder');
  const label = useLabel();
  const aria = t('publish.fillValue');
  switch (field?.type) {
    case 'select':
      return (
        <Select
          aria-label={aria}
          value={value ?? undefined}
          style={{ minWidth: 200 }}
          onChange={onChange}
          options={field.options.map((o) => ({ value: o.value, label: label(o.label, o.value) }))}
        />
      );
    case 'number':
    case 'percent':
      return (
        <InputNumber
          aria-label={aria}
          value={typeof value === 'number' ? value : null}
          onChange={onChange}
        />
      );
    case 'money':
      return (
        <InputNumber
          aria-label={aria}
          prefix="¥"
          precision={2}
          value={typeof value === 'number' ? value / 100 : null}
          onChange={(n) => onChange(n === null ? null : Math.round(n * 100))}
        />
      );
    case 'boolean':
      return <Switch aria-label={aria} checked={value === true} onChange={onChange} />;
    case 'date':
      return (
        <DatePicker
          aria-label={aria}
          value={typeof value === 'string' ? dayjs(value) : null}
          onChange={(d) => onChange(d ? d.format('YYYY-MM-DD') : null)}
        />
      );
    default:
      return (
        <Input
          aria-label={aria}
          value={typeof value === 'string' ? value : ''}
          style={{ maxWidth: 320 }}
          onChange={(e) => onChange(e.target.value)}
        />
      );
  }
}

function OptionTarget({
  field,
  except,
  value,
  onChange,
}: {
  field: Extract<FieldSpec, { options: unknown }>;
  except: string | undefined;
  value: string | null;
  onChange: (to: string | null) => void;
}) {
  const { t } = useTranslation('builder');
  const label = useLabel();
  return (
    <Select
      aria-label={t('publish.mapTo')}
      value={value ?? '__clear'}
      style={{ minWidth: 220 }}
      onChange={(v: string) => onChange(v === '__clear' ? null : v)}
      options={[
        { value: '__clear', label: t('publish.clearOption') },
        ...field.options
          .filter((o) => o.value !== except)
          .map((o) => ({ value: o.value, label: label(o.label, o.value) })),
      ]}
    />
  );
}
