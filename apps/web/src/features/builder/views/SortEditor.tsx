import { Button, Flex, Segmented, Select, Typography } from 'antd';
import { CloseOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { SortSpec } from '@trellis/spec';
import type { ConditionField } from '../../../lib/condition/types';

type Props = {
  value: SortSpec[];
  fields: ConditionField[];
  onChange: (next: SortSpec[]) => void;
};

/** The order of a view's records: by one field, then the next when they tie. */
export function SortEditor({ value, fields, onChange }: Props) {
  const { t } = useTranslation('builder');
  const options = fields.map((f) => ({ value: f.key, label: f.label }));
  const set = (i: number, patch: Partial<SortSpec>) =>
    onChange(value.map((s, j) => (j === i ? { ...s, ...patch } : s)));
  const unused = fields.find((f) => !value.some((s) => s.field === f.key));
  return (
    <div>
      {value.length === 0 ? (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          {t('views.newestFirst')}
        </Typography.Paragraph>
      ) : null}
      {value.map((s, i) => (
        <Flex key={i} gap={8} align="center" wrap style={{ marginBottom: 8 }}>
          <Typography.Text type="secondary" style={{ minWidth: 48 }}>
            {i === 0 ? t('views.sortBy') : t('views.thenBy')}
          </Typography.Text>
          <Select
            aria-label={t('views.sortField', { n: i + 1 })}
            showSearch
            optionFilterProp="label"
            value={s.field}
            style={{ width: 220 }}
            options={options}
            onChange={(field: string) => set(i, { field })}
          />
          <Segmented
            aria-label={t('views.sortDir', { n: i + 1 })}
            value={s.dir ?? 'asc'}
            options={[
              { value: 'asc', label: t('views.asc') },
              { value: 'desc', label: t('views.desc') },
            ]}
            onChange={(dir) => set(i, { dir: dir as SortSpec['dir'] })}
          />
          <Button
            type="text"
            size="small"
            icon={<CloseOutlined />}
            aria-label={t('common.remove')}
            onClick={() => onChange(value.filter((_, j) => j !== i))}
          />
        </Flex>
      ))}
      <Button
        size="small"
        icon={<PlusOutlined />}
        disabled={!unused}
        onClick={() => unused && onChange([...value, { field: unused.key, dir: 'asc' }])}
      >
        {t('views.addSort')}
      </Button>
    </div>
  );
}
