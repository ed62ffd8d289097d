import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useLocale } from '../../lib/i18n/useLocale';
import { formatNumber } from '../../lib/reports/format';
import { recordsHref } from '../../lib/reports/records-href';

type Widget = {
  title: string;
  entity: string | null;
  columns: { key: string }[];
  unowned?: { label: string; values: Record<string, { value: number | null; filter?: unknown }> };
};

/**
 * Under a leaderboard: its records without an owner (the pool, unrouted leads), counted apart —
 * they are not a rep, so they get no rank and no row among the people. The count opens them
 * (the reader saw them counted, so the list's scope lets them see them).
 */
export function UnownedLine({ widget }: { widget: Widget }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const row = widget.unowned;
  const first = widget.columns[0];
  const n = row && first ? row.values[first.key] : undefined;
  if (!row || !n || !n.value) return null;
  const text = t('reports.unowned', { n: formatNumber(n.value, 'count', locale) });
  return (
    <Typography.Paragraph
      type="secondary"
      className="trellis-unowned"
      title={t('reports.unownedHint')}
    >
      {widget.entity && n.filter !== undefined ? (
        <Link to={recordsHref(widget.entity, n.filter, `${widget.title} · ${row.label}`)}>
          {text}
        </Link>
      ) : (
        text
      )}
    </Typography.Paragraph>
  );
}
