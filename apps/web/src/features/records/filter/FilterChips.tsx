import { Button, Space, Tag, Typography } from 'antd';
import { CloseOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { EntitySpec } from '@trellis/spec';
import { useLocale } from '../../../lib/i18n/useLocale';
import type { Stage } from '../../../lib/records/spec-helpers';
import { useUsers } from '../../../lib/session/useUsers';
import { chipText } from './chip-text';
import { isComplete, type FilterModel } from './filter-model';
import { useRegionNamesEn } from './useRegionNamesEn';

/**
 * The list's filter as chips under the toolbar, in words ("所在城市 位于 浙江省 / 杭州市"), each
 * removable, so what narrows the list shows without opening the filter.
 */
export function FilterChips({
  entity,
  stages,
  label,
  value,
  onChange,
}: {
  entity: EntitySpec;
  stages: Stage[];
  label: (key: string) => string;
  value: FilterModel;
  onChange: (next: FilterModel) => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const users = useUsers();
  const english = useRegionNamesEn();
  const ctx = {
    entity,
    stages,
    locale,
    label,
    userName: (id: string) => users.byId.get(id)?.name || users.byId.get(id)?.login || id,
    regionNames: locale === 'en' ? english : undefined,
    words: (key: string) => t(key),
  };
  const rows = value.rows.map((row, i) => ({ row, i })).filter(({ row }) => isComplete(row));
  if (rows.length === 0) return null;
  return (
    <Space
      wrap
      size={[4, 4]}
      className="trellis-filter-chips"
      role="group"
      aria-label={t('filter.active')}
      style={{ marginBottom: 8 }}
    >
      <Typography.Text type="secondary">{t('filter.active')}:</Typography.Text>
      {rows.map(({ row, i }) => {
        const text = chipText(row, ctx);
        return (
          <Tag
            key={i}
            closable
            color="blue"
            closeIcon={<CloseOutlined aria-label={t('filter.removeChip', { text })} />}
            onClose={(e) => {
              e.preventDefault();
              onChange({ ...value, rows: value.rows.filter((_, j) => j !== i) });
            }}
          >
            {text}
          </Tag>
        );
      })}
      {rows.length > 1 ? (
        <Button size="small" type="link" onClick={() => onChange({ ...value, rows: [] })}>
          {t('filter.clearAll')}
        </Button>
      ) : null}
    </Space>
  );
}
