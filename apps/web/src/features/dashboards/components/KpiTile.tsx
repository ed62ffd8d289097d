import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../../lib/i18n/useLocale';
import type { WidgetReport } from '../api/dashboards';
import { formatNumber } from '../format';
import { useOpenRecords } from './useOpenRecords';

/** One number, clickable to its records, with the change against the previous period. */
export function KpiTile({ widget }: { widget: WidgetReport }) {
  const { t } = useTranslation('dashboards');
  const locale = useLocale();
  const open = useOpenRecords(widget.entity);
  const row = widget.rows[0];
  const unit = widget.columns[0]?.unit ?? 'count';
  const value = row?.values.value;
  const change = row?.values.change?.value ?? null;
  const prev = widget.period.previous;
  return (
    <div className="trellis-kpi">
      <button
        type="button"
        className="trellis-kpi-value"
        onClick={() => open(value, widget.title)}
        aria-label={t('open', { count: value?.value ?? 0 })}
      >
        {formatNumber(value?.value ?? null, unit, locale)}
      </button>
      {change !== null && prev ? (
        <Typography.Text type={change >= 0 ? 'success' : 'danger'} className="trellis-kpi-change">
          {change >= 0 ? <ArrowUpOutlined /> : <ArrowDownOutlined />}{' '}
          {formatNumber(Math.abs(change), 'ratio', locale)}{' '}
          <Typography.Text type="secondary">{t('vsPrevious', prev)}</Typography.Text>
        </Typography.Text>
      ) : null}
    </div>
  );
}
