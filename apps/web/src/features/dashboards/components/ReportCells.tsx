import { Tag, Tooltip } from 'antd';
import { WarningOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useLocale } from '../../../lib/i18n/useLocale';
import { recordsHref } from '../../../lib/reports/records-href';
import type { ReportColumn, ReportRow, WidgetReport } from '../api/dashboards';
import { cellUnit, formatNumber } from '../format';

/**
 * A row's name, cut to its room with the whole in a tooltip, and its flag: an attribution under
 * its LTV/CAC threshold, or a source silent too long.
 */
export function RowLabel({ widget, row }: { widget: WidgetReport; row: ReportRow }) {
  const { t } = useTranslation('dashboards');
  const silent = widget.type === 'sourceHealth';
  const name = row.label || widget.title;
  return (
    <span className="trellis-report-label">
      <Tooltip title={name} placement="topLeft">
        <span className="trellis-report-name">{name}</span>
      </Tooltip>
      {row.flag ? (
        <Tooltip title={t(silent ? 'silentHint' : 'flagged')}>
          <Tag color="red" icon={<WarningOutlined />} className="trellis-report-flag">
            {silent ? t('silent') : 'LTV/CAC'}
          </Tag>
        </Tooltip>
      ) : null}
    </span>
  );
}

/** One number of a row; one with records behind it opens exactly them. */
export function ReportNumber({
  widget,
  row,
  column,
}: {
  widget: WidgetReport;
  row: ReportRow;
  column: ReportColumn;
}) {
  const locale = useLocale();
  const n = row.values[column.key];
  const text = formatNumber(n?.value ?? null, cellUnit(row, column), locale);
  if (!widget.entity || !n || n.filter === undefined) return <>{text}</>;
  return (
    <Link
      to={recordsHref(widget.entity, n.filter, `${widget.title} · ${row.label} · ${column.label}`)}
    >
      {text}
    </Link>
  );
}
