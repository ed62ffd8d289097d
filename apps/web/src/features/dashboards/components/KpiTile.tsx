import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../../lib/i18n/useLocale';
import type { WidgetReport } from '../api/dashboards';
import { formatNumber } from '../format';
import { useOpenRecords } from './useOpenRecords';

/**
 * One number, clickable to its records, with the change against the previous period. A ratio's
 * rate has no records of its own: its two counts below it open theirs.
 */
export function KpiTile({ widget }: { widget: WidgetReport }) {
  const { t } = useTranslation('dashboards');
  const locale = useLocale();
  const open = useOpenRecords(widget.entity);
  const row = widget.rows[0];
  const unit = widget.columns[0]?.unit ?? 'count';
  const value = row?.values.value ?? row?.values.rate;
  const change = row?.values.change?.value ?? null;
  const prev = widget.period.previous;
  const sides = widget.columns.filter((c) => c.key === 'numerator' || c.key === 'denominator');
  const text = formatNumber(value?.value ?? null, unit, locale);
  return (
    <div className="trellis-kpi">
      {value?.filter === undefined ? (
        <span className="trellis-kpi-value trellis-kpi-rate">{text}</span>
      ) : (
        <button
          type="button"
          className="trellis-kpi-value"
          onClick={() => open(value, widget.title)}
          aria-label={t('open', { count: value?.value ?? 0 })}
        >
          {text}
        </button>
      )}
      {sides.length > 0 ? (
        <Typography.Text className="trellis-kpi-sides">
          {sides.map((c, i) => {
            const n = row?.values[c.key];
            return (
              <span key={c.key}>
                {i > 0 ? ' · ' : null}
                {c.label}{' '}
                <a
                  href="#"
                  data-side={c.key}
                  onClick={(e) => {
                    e.preventDefault();
                    open(n, `${widget.title} · ${c.label}`);
                  }}
                >
                  {formatNumber(n?.value ?? null, 'count', locale)}
                </a>
              </span>
            );
          })}
        </Typography.Text>
      ) : null}
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
