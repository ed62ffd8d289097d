import { Card, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import { useQueries } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { DashboardSpec } from '@trellis/spec';
import { ErrorState } from '../../../components/feedback/ErrorState';
import { LoadingState } from '../../../components/feedback/LoadingState';
import { useLabel } from '../../../lib/i18n/useLabel';
import { useLocale } from '../../../lib/i18n/useLocale';
import { formatNumber } from '../../../lib/reports/format';
import { fetchWidget, reportKeys, type WidgetNumbers } from '../../../lib/reports/widget';
import { useLiveSpec } from '../../../lib/session/useSpec';
import { ROW_WIDGETS, TopRows } from './TopRows';

/** The most numbers a panel shows: a row of them on a desktop, two rows on a phone. */
const MOST = 4;

/** A widget that is one number: a metric, or a rate not split by a field. */
const isOneNumber = (w: DashboardSpec['widgets'][number]) =>
  w.type === 'metric' || (w.type === 'ratio' && !w.field);

/**
 * A dashboard on the workbench: its single numbers (a rep's own new leads, enrolments and
 * overdue follow-ups; a manager's open leads and revenue), read for the signed-in user as the
 * dashboard reads them, each with its change against the previous period; the whole dashboard
 * a click away. A dashboard of fewer than two single numbers (the team's performance, the
 * channels' ROI) also shows the first rows of its first table: the reps' leaderboard, leads by
 * channel. One with neither shows what it is for.
 */
export function DashboardPanel({ dashboardKey, title }: { dashboardKey: string; title?: string }) {
  const { t } = useTranslation();
  const label = useLabel();
  const spec = useLiveSpec();
  const dashboard = (spec.dashboards ?? []).find((d) => d.key === dashboardKey);
  const tiles = (dashboard?.widgets ?? []).filter(isOneNumber).slice(0, MOST);
  const table =
    tiles.length < 2 ? (dashboard?.widgets ?? []).find((w) => ROW_WIDGETS.has(w.type)) : undefined;
  const read = table ? [...tiles, table] : tiles;
  const answers = useQueries({
    queries: read.map((w) => ({
      queryKey: reportKeys.widget(dashboardKey, w.key),
      // Aborted when the workbench is left before it answers (see ViewPanel).
      queryFn: ({ signal }: { signal: AbortSignal }) => fetchWidget(dashboardKey, w.key, signal),
    })),
  });
  const numbers = answers.slice(0, tiles.length);
  const rows = table ? answers[tiles.length] : undefined;
  const failed = answers.find((q) => q.isError);
  const href = `/dashboards/${dashboardKey}`;
  return (
    <Card
      size="small"
      title={title ?? label(dashboard?.label, t('workbench.dashboard'))}
      extra={<Link to={href}>{t('workbench.more')}</Link>}
    >
      {read.length === 0 ? (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {label(dashboard?.description, t('workbench.dashboardLater'))}
        </Typography.Paragraph>
      ) : failed ? (
        <ErrorState
          error={failed.error}
          onRetry={() => answers.filter((q) => q.isError).forEach((q) => void q.refetch())}
        />
      ) : answers.some((q) => q.isPending) ? (
        <LoadingState rows={tiles.length > 0 && rows ? 4 : 2} />
      ) : (
        <>
          {numbers.length > 0 ? (
            <div className="trellis-numbers">
              {numbers.map((q, i) => (
                <OneNumber key={tiles[i]!.key} widget={q.data!} href={href} />
              ))}
            </div>
          ) : null}
          {rows ? <TopRows widget={rows.data!} /> : null}
        </>
      )}
    </Card>
  );
}

/** One number with its title and, when there is a previous period, the change since. */
function OneNumber({ widget, href }: { widget: WidgetNumbers; href: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const values = widget.rows[0]?.values ?? {};
  const value = values.value ?? values.rate;
  const unit = widget.columns[0]?.unit ?? 'count';
  const change = widget.period.previous ? (values.change?.value ?? null) : null;
  return (
    <Link to={href} className="trellis-number">
      <span className="trellis-number-value">
        {formatNumber(value?.value ?? null, unit, locale)}
      </span>
      <span className="trellis-number-title trellis-ellipsis" title={widget.title}>
        {widget.title}
      </span>
      {change !== null ? (
        <Typography.Text
          type={change >= 0 ? 'success' : 'danger'}
          className="trellis-number-change"
          aria-label={t('workbench.change', { change: formatNumber(change, 'ratio', locale) })}
        >
          {change >= 0 ? <ArrowUpOutlined /> : <ArrowDownOutlined />}{' '}
          {formatNumber(Math.abs(change), 'ratio', locale)}
        </Typography.Text>
      ) : null}
    </Link>
  );
}
