import { Button, Flex, Select, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { fieldTypes, type EntitySpec } from '@trellis/spec';
import { useLabel } from '../../../lib/i18n/useLabel';

type Props = { entity: EntitySpec; onChange: (identity: string[][] | undefined) => void };

/**
 * Dedup keys: each row is one key (the fields that together identify a record, e.g. phone; or
 * name + school). A record matching any row is the same person.
 */
export function IdentityEditor({ entity, onChange }: Props) {
  const { t } = useTranslation('builder');
  const label = useLabel();
  const keys = entity.identity ?? [];
  const options = entity.fields
    .filter((f) => fieldTypes[f.type].identity)
    .map((f) => ({ value: f.key, label: label(f.label, f.key) }));
  const set = (next: string[][]) => onChange(next.length > 0 ? next : undefined);
  return (
    <Flex vertical gap={8}>
      {keys.length === 0 ? (
        <Typography.Text type="secondary">{t('entities.noIdentity')}</Typography.Text>
      ) : null}
      {keys.map((fields, i) => (
        <Flex key={i} gap={8} align="center">
          <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
            {t('entities.identityKey', { n: i + 1 })}
          </Typography.Text>
          <Select
            mode="multiple"
            aria-label={t('entities.identityKey', { n: i + 1 })}
            value={fields}
            options={options}
            style={{ flex: 1, minWidth: 200 }}
            maxCount={4}
            onChange={(v: string[]) =>
              set(v.length ? keys.map((k, j) => (j === i ? v : k)) : keys.filter((_, j) => j !== i))
            }
          />
          <Button
            type="text"
            icon={<DeleteOutlined />}
            aria-label={t('common.remove')}
            onClick={() => set(keys.filter((_, j) => j !== i))}
          />
        </Flex>
      ))}
      <div>
        <Button
          size="small"
          icon={<PlusOutlined />}
          disabled={options.length === 0}
          onClick={() => set([...keys, [options[0]!.value]])}
        >
          {t('entities.addIdentity')}
        </Button>
      </div>
    </Flex>
  );
}
