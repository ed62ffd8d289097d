import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { UnownedLine } from '../../../components/reports/UnownedLine';
import { useLocale } from '../../../lib/i18n/useLocale';
import { cellUnit, formatNumber } from '../../../lib/reports/format';
import { recordsHref } from '../../../lib/reports/records-href';
import type { WidgetNumbers } from '../../../lib/reports/widget';

/**
 * Rows and columns a workbench card has room for, on a phone too: four, so the reps'
 * leaderboard shows the cycle time its title names ("leads, conversion, cycle time").
 */
const ROWS = 5;
const COLUMNS = 4;

/** Widgets whose rows name people, channels or campaigns: worth their first rows on a card. */
export const ROW_WIDGETS: ReadonlySet<string> = new Set([
  'leaderboard',
  'breakdown',
  'attribution',
  'staleFollowUps',
]);

/**
 * The first rows of a dashboard's table (the reps' leaderboard, leads by channel) on its
 * workbench card, so a manager sees who and where at a glance; each number opens its records.
 * A breakdown's `records` column repeats its count, so it is left out; a lone column needs no
 * heading (the widget's title names it). A leaderboard's records without an owner are a line
 * under the rows, not a row.
 */
export function TopRows({ widget }: { widget: WidgetNumbers }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const columns = widget.columns.filter((c) => c.key !== 'records').slice(0, COLUMNS);
  const rows = widget.rows.slice(0, ROWS);
  return (
    <div className="trellis-top-rows">
      <div className="trellis-top-rows-title trellis-ellipsis" title={widget.title}>
        {widget.title}
      </div>
      {rows.length === 0 ? (
        <Typography.Text type="secondary">{t('workbench.empty')}</Typography.Text>
      ) : (
        <table>
          {columns.length > 1 ? (
            <thead>
              <tr>
                <th />
                {columns.map((c) => (
                  <th key={c.key} scope="col">
                    {c.label}
                  </th>
                ))}
              </tr>
            </thead>
          ) : null}
          <tbody>
            {rows.map((r) => (
              <tr key={r.key}>
                <th scope="row" title={r.label}>
                  {r.label}
                </th>
                {columns.map((c) => {
                  const n = r.values[c.key];
                  const text = formatNumber(n?.value ?? null, cellUnit(r, c), locale);
                  return (
                    <td key={c.key}>
                      {widget.entity && n?.filter !== undefined ? (
                        <Link
                          to={recordsHref(
                            widget.entity,
                            n.filter,
                            `${widget.title} · ${r.label} · ${c.label}`,
                          )}
                        >
                          {text}
                        </Link>
                      ) : (
                        text
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <UnownedLine widget={widget} />
    </div>
  );
}
