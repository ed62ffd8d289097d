import { Col, Row, Select, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useParams, useSearchParams } from 'react-router';
import { EmptyState } from '../../../components/feedback/EmptyState';
import { ErrorState } from '../../../components/feedback/ErrorState';
import { LoadingState } from '../../../components/feedback/LoadingState';
import { useIsPhone } from '../../../hooks/useIsPhone';
import {
  dashboardKeys,
  fetchDashboard,
  fetchDashboards,
  type DashboardParams,
} from '../api/dashboards';
import { widgetColumns } from '../layout';
import { DashboardFilters } from './DashboardFilters';
import { WidgetCard } from './WidgetCard';

const PARAMS = ['from', 'to', 'team', 'owner'] as const;

/** `/dashboards/:key?from&to&team&owner`: a dashboard's widgets for a period, team and owner. */
export function DashboardPage() {
  const { t } = useTranslation('dashboards');
  const { key } = useParams();
  const navigate = useNavigate();
  const phone = useIsPhone();
  const [search, setSearch] = useSearchParams();
  const list = useQuery({ queryKey: dashboardKeys.list(), queryFn: fetchDashboards });
  const params: DashboardParams = Object.fromEntries(
    PARAMS.map((p) => [p, search.get(p) ?? undefined]).filter(([, v]) => v),
  );
  const current = key ?? list.data?.[0]?.key;
  const report = useQuery({
    queryKey: dashboardKeys.one(current ?? '', params),
    queryFn: () => fetchDashboard(current!, params),
    enabled: !!current,
  });
  if (list.isError) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  if (list.isPending) return <LoadingState />;
  if (!current) return <EmptyState description={t('none')} />;
  if (!key) return <Navigate to={`/dashboards/${current}`} replace />;
  const setParams = (next: DashboardParams) => {
    const q = new URLSearchParams();
    for (const p of PARAMS) if (next[p]) q.set(p, next[p]);
    setSearch(q, { replace: true });
  };
  return (
    <div>
      <div className="trellis-page-title">
        <Typography.Title level={3}>{report.data?.label ?? t('title')}</Typography.Title>
        {list.data.length > 1 ? (
          <Select
            aria-label={t('pick')}
            value={current}
            style={{ minWidth: phone ? 160 : 220 }}
            onChange={(k: string) => void navigate(`/dashboards/${k}?${search.toString()}`)}
            options={list.data.map((d) => ({ value: d.key, label: d.label }))}
          />
        ) : null}
      </div>
      <DashboardFilters value={params} onChange={setParams} />
      {report.isError ? (
        <ErrorState error={report.error} onRetry={() => void report.refetch()} />
      ) : report.isPending ? (
        <LoadingState />
      ) : (
        <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
          {widgetColumns(report.data.widgets).map((columns, i) => {
            const w = report.data.widgets[i]!;
            return (
              <Col key={w.key} xs={columns.xs} lg={columns.lg}>
                <WidgetCard widget={w} dashboard={current} />
              </Col>
            );
          })}
        </Row>
      )}
    </div>
  );
}
