import { Button, Flex, Input, Select, Typography } from 'antd';
import { CloseOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { EntitySpec } from '@trellis/spec';
import { useLabel } from '../../../lib/i18n/useLabel';

type Props = {
  entity: EntitySpec | undefined;
  value: Record<string, string>;
  /** How the mapping changes, applied to it as the draft holds it (see Change). */
  onChange: (
    change: (latest: Record<string, string> | undefined) => Record<string, string>,
  ) => void;
};

/** Which field each part of the payload fills: field ← JSONPath such as $.lead.tel. */
export function MappingEditor({ entity, value, onChange }: Props) {
  const { t } = useTranslation('builder');
  const label = useLabel();
  const fields = (entity?.fields ?? []).filter((f) => f.type !== 'formula');
  const unused = fields.find((f) => !(f.key in value));
  return (
    <div>
      {Object.entries(value).map(([key, path]) => (
        <Flex key={key} gap={8} align="center" wrap style={{ marginBottom: 8 }}>
          <Select
            aria-label={t('intake.mappedField')}
            value={key}
            style={{ width: 180 }}
            options={fields.map((f) => ({ value: f.key, label: label(f.label, f.key) }))}
            onChange={(k: string) =>
              onChange((latest) => {
                const next = { ...latest };
                const kept = next[key] ?? path;
                delete next[key];
                return { ...next, [k]: kept };
              })
            }
          />
          <Typography.Text type="secondary">←</Typography.Text>
          <Input
            aria-label={t('intake.path', { field: key })}
            value={path}
            placeholder="$.lead.tel"
            style={{ width: 220, fontFamily: 'ui-monospace, Menlo, Consolas, monospace' }}
            onChange={(e) => {
              const typed = e.target.value;
              onChange((latest) => ({ ...latest, [key]: typed }));
            }}
          />
          <Button
            type="text"
            size="small"
            icon={<CloseOutlined />}
            aria-label={t('common.removeNamed', { name: key })}
            onClick={() =>
              onChange((latest) =>
                Object.fromEntries(Object.entries(latest ?? {}).filter(([k]) => k !== key)),
              )
            }
          />
        </Flex>
      ))}
      <Button
        size="small"
        icon={<PlusOutlined />}
        disabled={!unused}
        onClick={() =>
          unused && onChange((latest) => ({ ...latest, [unused.key]: `$.${unused.key}` }))
        }
      >
        {t('intake.addMapping')}
      </Button>
    </div>
  );
}
