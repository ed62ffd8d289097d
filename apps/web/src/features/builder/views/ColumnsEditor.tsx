import { Button, Flex, Select, Typography } from 'antd';
import { CloseOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { ConditionField } from '../../../lib/condition/types';
import { moved, SortableList } from '../common/SortableList';

type Props = {
  value: string[];
  fields: ConditionField[];
  onChange: (next: string[]) => void;
};

/** The columns of a list (or lines of a board card) in order: drag to reorder, add, remove. */
export function ColumnsEditor({ value, fields, onChange }: Props) {
  const { t } = useTranslation('builder');
  const name = (key: string) => fields.find((f) => f.key === key)?.label ?? key;
  const free = fields.filter((f) => !value.includes(f.key));
  return (
    <div>
      {value.length === 0 ? (
        <Typography.Paragraph type="secondary">{t('views.defaultColumns')}</Typography.Paragraph>
      ) : null}
      <div role="list" aria-label={t('views.props.columns')} style={{ maxWidth: 420 }}>
        <SortableList ids={value} onMove={(from, to) => onChange(moved(value, from, to))}>
          {(key, handle) => (
            <Flex
              role="listitem"
              align="center"
              gap={6}
              style={{
                padding: '2px 4px',
                marginBottom: 4,
                border: '1px solid #f0f0f0',
                borderRadius: 6,
                background: '#fff',
              }}
            >
              {handle}
              <Typography.Text ellipsis style={{ flex: 1, minWidth: 0 }}>
                {name(key)}
              </Typography.Text>
              <Button
                type="text"
                size="small"
                icon={<CloseOutlined />}
                aria-label={t('common.removeNamed', { name: name(key) })}
                onClick={() => onChange(value.filter((k) => k !== key))}
              />
            </Flex>
          )}
        </SortableList>
      </div>
      <Select
        aria-label={t('views.addColumn')}
        placeholder={t('views.addColumn')}
        showSearch
        optionFilterProp="label"
        value={null}
        style={{ width: '100%', maxWidth: 420, marginTop: 4 }}
        options={free.map((f) => ({ value: f.key, label: f.label }))}
        onChange={(key: string) => onChange([...value, key])}
      />
    </div>
  );
}
