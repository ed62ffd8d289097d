import { Flex, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SpendSpec } from '@trellis/spec';
import { useLabel } from '../../../lib/i18n/useLabel';
import { useDraftSpec } from '../draft/useDraft';

type Props = { value: unknown; onChange: (value: SpendSpec | undefined) => void };

/**
 * Where an attribution widget reads each group's spend: the entity with one record per
 * campaign or channel, its field that matches the widget's field, and its spend field.
 */
export function SpendInput({ value, onChange }: Props) {
  const { t } = useTranslation('builder');
  const label = useLabel();
  const spec = useDraftSpec();
  const spend = (value ?? {}) as Partial<SpendSpec>;
  const entity = spec.entities.find((e) => e.key === spend.entity);
  const fields = entity?.fields ?? [];
  const set = (next: Partial<SpendSpec>) => {
    const merged = { ...spend, ...next };
    // Only a complete setting is written: the spec refuses a spend without all three parts.
    onChange(merged.entity && merged.key && merged.field ? (merged as SpendSpec) : undefined);
  };
  const pick = (part: keyof SpendSpec, options: { value: string; label: string }[]) => (
    <Select
      aria-label={t(`dashboards.spend.${part}`)}
      placeholder={t(`dashboards.spend.${part}`)}
      showSearch
      optionFilterProp="label"
      value={spend[part]}
      style={{ flex: '1 1 160px', minWidth: 140 }}
      options={options}
      onChange={(v: string) =>
        part === 'entity'
          ? set({ entity: v, key: undefined, field: undefined })
          : set({ [part]: v })
      }
    />
  );
  return (
    <Flex gap={8} wrap style={{ maxWidth: 560 }}>
      {pick(
        'entity',
        spec.entities.map((e) => ({ value: e.key, label: label(e.label, e.key) })),
      )}
      {pick(
        'key',
        fields.map((f) => ({ value: f.key, label: label(f.label, f.key) })),
      )}
      {pick(
        'field',
        fields
          .filter((f) => f.type === 'number' || f.type === 'money')
          .map((f) => ({ value: f.key, label: label(f.label, f.key) })),
      )}
    </Flex>
  );
}
