import { useState } from 'react';
import { Table } from 'antd';
import { ColumnHeading } from '../../../components/reports/ColumnHeading';
import type { ReportRow, WidgetReport } from '../api/dashboards';
import { ReportCards } from './ReportCards';
import { ReportNumber, RowLabel } from './ReportCells';
import { useTableFits } from './useTableFits';

/**
 * The widget's numbers as a table that fits its card: columns as wide as their content, headings
 * wrapping, long names cut with the whole in a tooltip, numbers right-aligned; each number with
 * records behind it opens them. Where even that is wider than the card (a phone, the
 * leaderboard's dozen columns in half a row), a card per row instead: nothing scrolls sideways.
 */
export function WidgetTable({
  widget,
  firstColumn,
}: {
  widget: WidgetReport;
  firstColumn: string;
}) {
  const [box, setBox] = useState<HTMLDivElement | null>(null);
  const fits = useTableFits(box, widget);
  return (
    <div ref={setBox} className="trellis-report-table" data-layout={fits ? 'table' : 'cards'}>
      {fits ? (
        <Table<ReportRow>
          rowKey="key"
          size="small"
          pagination={false}
          dataSource={widget.rows}
          columns={[
            {
              key: '$label',
              title: firstColumn,
              className: 'trellis-report-first',
              render: (_, r) => <RowLabel widget={widget} row={r} />,
            },
            ...widget.columns.map((c) => ({
              key: c.key,
              title: <ColumnHeading column={c} />,
              align: 'right' as const,
              className: 'trellis-report-number',
              render: (_: unknown, r: ReportRow) => (
                <ReportNumber widget={widget} row={r} column={c} />
              ),
            })),
          ]}
        />
      ) : (
        <ReportCards widget={widget} />
      )}
    </div>
  );
}
