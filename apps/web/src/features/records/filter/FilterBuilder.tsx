import { lazy, Suspense } from 'react';
import {
  Button,
  DatePicker,
  InputNumber,
  Input,
  Select,
  Space,
  Spin,
  Switch,
  Typography,
} from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { EntitySpec, FieldSpec } from '@trellis/spec';
import { labelOf } from '../../../lib/i18n/label';
import { useLocale } from '../../../lib/i18n/useLocale';
import { useUsers } from '../../../lib/session/useUsers';
import type { Stage } from '../../../lib/records/spec-helpers';
import {
  kindOf,
  OPS_BY_KIND,
  type FilterModel,
  type FilterOp,
  type FilterRow,
} from './filter-model';

// The place picker carries the GB/T 2260 list: it loads when a region row shows, not with the
// filter's popover.
const RegionFilterInput = lazy(() =>
  import('./RegionFilterInput').then((m) => ({ default: m.RegionFilterInput })),
);

type Props = {
  entity: EntitySpec;
  fields: string[];
  stages: Stage[];
  label: (key: string) => string;
  value: FilterModel;
  onChange: (next: FilterModel) => void;
};

const SYSTEM_TYPES: Record<string, string> = {
  stage: 'select',
  ownerId: 'user',
  createdAt: 'datetime',
  updatedAt: 'datetime',
};

/** Field, operator, value rows joined by and / or; the list runs their JSONLogic. */
export function FilterBuilder({ entity, fields, stages, label, value, onChange }: Props) {
  const { t } = useTranslation();
  const typeOf = (key: string) =>
    entity.fields.find((f) => f.key === key)?.type ?? SYSTEM_TYPES[key] ?? 'text';
  const setRow = (i: number, row: FilterRow) =>
    onChange({ ...value, rows: value.rows.map((r, j) => (j === i ? row : r)) });
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={8}>
      {value.rows.length > 1 ? (
        <Space>
          <Typography.Text>{t('filter.match')}</Typography.Text>
          <Select
            aria-label={t('filter.match')}
            size="small"
            value={value.join}
            onChange={(join) => onChange({ ...value, join })}
            options={[
              { value: 'and', label: t('filter.all') },
              { value: 'or', label: t('filter.any') },
            ]}
            style={{ width: 140 }}
          />
        </Space>
      ) : null}
      {value.rows.map((row, i) => {
        const kind = kindOf(typeOf(row.field));
        return (
          <Space key={i} wrap size={6} className="trellis-filter-row">
            <Select
              aria-label={t('filter.field')}
              showSearch
              optionFilterProp="label"
              value={row.field}
              onChange={(field) => setRow(i, { field, op: OPS_BY_KIND[kindOf(typeOf(field))][0]! })}
              options={fields.map((f) => ({ value: f, label: label(f) }))}
              style={{ width: 150 }}
            />
            <Select
              aria-label={t('filter.operator')}
              value={row.op}
              onChange={(op: FilterOp) => setRow(i, { ...row, op, value: undefined })}
              options={OPS_BY_KIND[kind].map((op) => ({ value: op, label: t(`filter.op.${op}`) }))}
              style={{ width: 120 }}
            />
            {row.op === 'empty' || row.op === 'notEmpty' ? null : (
              <ValueInput
                field={entity.fields.find((f) => f.key === row.field)}
                fieldKey={row.field}
                type={typeOf(row.field)}
                multiple={row.op === 'in'}
                stages={stages}
                value={row.value}
                onChange={(v) => setRow(i, { ...row, value: v })}
              />
            )}
            <Button
              type="text"
              icon={<DeleteOutlined />}
              aria-label={t('filter.remove')}
              onClick={() => onChange({ ...value, rows: value.rows.filter((_, j) => j !== i) })}
            />
          </Space>
        );
      })}
      <Button
        icon={<PlusOutlined />}
        size="small"
        onClick={() =>
          onChange({
            ...value,
            rows: [
              ...value.rows,
              { field: fields[0]!, op: OPS_BY_KIND[kindOf(typeOf(fields[0]!))][0]! },
            ],
          })
        }
      >
        {t('filter.add')}
      </Button>
    </Space>
  );
}

function ValueInput({
  field,
  fieldKey,
  type,
  multiple,
  stages,
  value,
  onChange,
}: {
  field: FieldSpec | undefined;
  fieldKey: string;
  type: string;
  multiple: boolean;
  stages: Stage[];
  value: unknown;
  onChange: (v: unknown) => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const users = useUsers();
  const style = { width: 180 };
  if (type === 'region')
    return (
      <Suspense fallback={<Spin size="small" />}>
        <RegionFilterInput
          level={field && 'level' in field ? (field.level as string | undefined) : undefined}
          value={value}
          onChange={onChange}
        />
      </Suspense>
    );
  if (type === 'boolean')
    return (
      <Switch
        checked={value === true}
        onChange={(v) => onChange(v)}
        aria-label={t('filter.value')}
      />
    );
  if (type === 'select' || type === 'multiselect' || type === 'user') {
    const options =
      fieldKey === 'stage'
        ? stages.map((s) => ({ value: s.key, label: labelOf(s.label, locale, s.key) }))
        : type === 'user'
          ? (users.data ?? []).map((u) => ({ value: u.id, label: u.name || u.login }))
          : (
              (field && 'options' in field ? field.options : []) as {
                value: string;
                label: never;
              }[]
            ).map((o) => ({ value: o.value, label: labelOf(o.label, locale, o.value) }));
    return (
      <Select
        aria-label={t('filter.value')}
        mode={multiple ? 'multiple' : undefined}
        value={value as string}
        onChange={onChange}
        options={options}
        optionFilterProp="label"
        style={{ minWidth: 180 }}
        maxTagCount="responsive"
      />
    );
  }
  if (type === 'number' || type === 'percent' || type === 'formula')
    return (
      <InputNumber
        aria-label={t('filter.value')}
        value={value as number}
        onChange={onChange}
        style={style}
      />
    );
  if (type === 'money')
    return (
      <InputNumber
        aria-label={t('filter.value')}
        prefix="¥"
        value={typeof value === 'number' ? value / 100 : undefined}
        onChange={(v) => onChange(typeof v === 'number' ? Math.round(v * 100) : undefined)}
        style={style}
      />
    );
  if (type === 'datetime' || type === 'date')
    return (
      <DatePicker
        aria-label={t('filter.value')}
        value={
          value === undefined ? null : type === 'date' ? dayjs(String(value)) : dayjs(Number(value))
        }
        onChange={(d) =>
          onChange(
            d ? (type === 'date' ? d.format('YYYY-MM-DD') : d.startOf('day').valueOf()) : undefined,
          )
        }
      />
    );
  return (
    <Input
      aria-label={t('filter.value')}
      value={(value as string) ?? ''}
      onChange={(e) => onChange(e.target.value)}
      style={style}
      allowClear
    />
  );
}
