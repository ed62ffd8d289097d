import { ColumnHeading } from '../../../components/reports/ColumnHeading';
import type { WidgetReport } from '../api/dashboards';
import { ReportNumber, RowLabel } from './ReportCells';

/**
 * A widget's table where it does not fit its card (a phone, a narrow card): a card per row, its
 * name on top and its numbers as heading / value pairs in as many columns as the width holds.
 * Nothing scrolls sideways.
 */
export function ReportCards({ widget }: { widget: WidgetReport }) {
  return (
    <ul className="trellis-report-cards" aria-label={widget.title}>
      {widget.rows.map((row) => (
        <li key={row.key} className="trellis-report-card">
          <div className="trellis-report-card-title">
            <RowLabel widget={widget} row={row} />
          </div>
          <dl>
            {widget.columns.map((c) => (
              <div key={c.key}>
                <dt>
                  <ColumnHeading column={c} />
                </dt>
                <dd>
                  <ReportNumber widget={widget} row={row} column={c} />
                </dd>
              </div>
            ))}
          </dl>
        </li>
      ))}
    </ul>
  );
}
