import { Button, Flex, Select, Typography } from 'antd';
import { CloseOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { EntitySpec } from '@trellis/spec';
import { useLabel } from '../../../lib/i18n/useLabel';
import { useDraftSpec } from '../draft/useDraft';
import { formulaFields } from '../formula/formula-fields';
import { useSystemLabel } from './useSystemLabel';
import { ValueInput } from './ValueInput';

type Props = {
  /** The entity of the record whose fields are set. */
  entity: EntitySpec | undefined;
  /** The entity of the triggering record, which computed values read (default: `entity`). */
  source?: EntitySpec | undefined;
  value: Record<string, unknown> | undefined;
  /** How the values change, applied to them as the draft holds them (see Change). */
  onChange: (
    change: (latest: Record<string, unknown> | undefined) => Record<string, unknown>,
  ) => void;
};

/**
 * Field values an action sets: one row per field, a fixed value with the input its type calls
 * for or a value computed by a formula over the triggering record.
 */
export function FieldValuesEditor({ entity, source = entity, value = {}, onChange }: Props) {
  const { t } = useTranslation('builder');
  const label = useLabel();
  const systemLabel = useSystemLabel();
  const spec = useDraftSpec();
  const readable = source ? formulaFields(spec, source, label, systemLabel) : [];
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
              showSearch
              optionFilterProp="label"
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
              <ValueInput
                field={field}
                value={v}
                formulaFields={readable}
                onChange={(x) => set(key, x)}
              />
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
