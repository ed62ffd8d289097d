import { Button, Flex, Input, InputNumber, Select, Switch, Typography } from 'antd';
import { CloseOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { EntitySpec, FieldSpec } from '@trellis/spec';
import { useLabel } from '../../../lib/i18n/useLabel';
import { JsonTextArea } from '../common/JsonTextArea';

type Props = {
  entity: EntitySpec | undefined;
  value: Record<string, unknown> | undefined;
  /** How the values change, applied to them as the draft holds them (see Change). */
  onChange: (
    change: (latest: Record<string, unknown> | undefined) => Record<string, unknown>,
  ) => void;
};

/**
 * Field values an action sets: one row per field, with the input its type calls for; a value
 * computed with logic (an object) stays JSON, as written.
 */
export function FieldValuesEditor({ entity, value = {}, onChange }: Props) {
  const { t } = useTranslation('builder');
  const label = useLabel();
  const fields = (entity?.fields ?? []).filter((f) => f.type !== 'formula');
  const set = (key: string, v: unknown) => onChange((latest) => ({ ...latest, [key]: v }));
  const without = (key: string) =>
    onChange((latest) =>
      Object.fromEntries(Object.entries(latest ?? {}).filter(([k]) => k !== key)),
    );
  const unused = fields.find((f) => !(f.key in value));
  return (
    <div>
      {Object.entries(value).map(([key, v]) => {
        const field = fields.find((f) => f.key === key);
        return (
          <Flex key={key} gap={8} align="flex-start" wrap style={{ marginBottom: 8 }}>
            <Select
              aria-label={t('automations.valueField')}
              value={key}
              style={{ width: 180 }}
              options={fields.map((f) => ({ value: f.key, label: label(f.label, f.key) }))}
              onChange={(k: string) =>
                onChange((latest) => {
                  const next = { ...latest };
                  const kept = next[key];
                  delete next[key];
                  return { ...next, [k]: kept };
                })
              }
            />
            <div style={{ flex: '1 1 200px', minWidth: 0 }}>
              <ValueInput field={field} value={v} onChange={(x) => set(key, x)} />
            </div>
            <Button
              type="text"
              size="small"
              icon={<CloseOutlined />}
              aria-label={t('common.removeNamed', { name: field ? label(field.label, key) : key })}
              onClick={() => without(key)}
            />
          </Flex>
        );
      })}
      {Object.keys(value).length === 0 ? (
        <Typography.Paragraph type="secondary">{t('automations.noValues')}</Typography.Paragraph>
      ) : null}
      <Button
        size="small"
        icon={<PlusOutlined />}
        disabled={!unused}
        onClick={() => unused && set(unused.key, null)}
      >
        {t('automations.addValue')}
      </Button>
    </div>
  );
}

function ValueInput({
  field,
  value,
  onChange,
}: {
  field: FieldSpec | undefined;
  value: unknown;
  onChange: (v: unknown) => void;
}) {
  const label = useLabel();
  const { t } = useTranslation('builder');
  if (value !== null && typeof value === 'object' && !Array.isArray(value))
    return <JsonTextArea label={t('automations.value')} value={value} onChange={onChange} />;
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
