import { Table, Tag, Tooltip } from 'antd';
import { WarningOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ColumnHeading } from '../../../components/reports/ColumnHeading';
import { useLocale } from '../../../lib/i18n/useLocale';
import type { ReportRow, WidgetReport } from '../api/dashboards';
import { cellUnit, formatNumber } from '../format';
import { useOpenRecords } from './useOpenRecords';

/** The widget's numbers as a table; a number with records behind it opens them. */
export function WidgetTable({
  widget,
  firstColumn,
}: {
  widget: WidgetReport;
  firstColumn: string;
}) {
  const { t } = useTranslation('dashboards');
  const locale = useLocale();
  const open = useOpenRecords(widget.entity);
  // A flagged row: an attribution under its LTV/CAC threshold, or a source silent too long.
  const silent = widget.type === 'sourceHealth';
  return (
    <Table<ReportRow>
      rowKey="key"
      size="small"
      pagination={false}
      scroll={{ x: 'max-content' }}
      dataSource={widget.rows}
      columns={[
        {
          key: '$label',
          title: firstColumn,
          fixed: 'left',
          render: (_, r) => (
            <span className="trellis-report-label">
              {r.label || widget.title}
              {r.flag ? (
                <Tooltip title={t(silent ? 'silentHint' : 'flagged')}>
                  <Tag color="red" icon={<WarningOutlined />} style={{ marginLeft: 6 }}>
                    {silent ? t('silent') : 'LTV/CAC'}
                  </Tag>
                </Tooltip>
              ) : null}
            </span>
          ),
        },
        ...widget.columns.map((c) => ({
          key: c.key,
          title: <ColumnHeading column={c} />,
          align: 'right' as const,
          render: (_: unknown, r: ReportRow) => {
            const n = r.values[c.key];
            const text = formatNumber(n?.value ?? null, cellUnit(r, c), locale);
            if (!n || n.filter === undefined) return text;
            return (
              <a
                href="#"
                onClick={(e) => {
                  e.preventDefault();
                  open(n, `${widget.title} · ${r.label} · ${c.label}`);
                }}
              >
                {text}
              </a>
            );
          },
        })),
      ]}
    />
  );
}
