import { Alert, Button, Empty, Table, Typography } from 'antd';
import { EyeOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { DashboardSpec, WidgetSpec } from '@trellis/spec';
import { request } from '../../../lib/api/client';
import { ApiError } from '../../../lib/api/problem';
import { useLabel } from '../../../lib/i18n/useLabel';
import { useLocale } from '../../../lib/i18n/useLocale';
import { ColumnHeading } from '../../../components/reports/ColumnHeading';
import { cellUnit, formatNumber, type Unit } from '../../../lib/reports/format';
import { useDraftSpec } from '../draft/useDraft';

type Num = { value: number | null };
type Report = {
  title: string;
  columns: {
    key: string;
    label: string;
    unit: Unit;
    period?: { from: string | null; to: string | null };
  }[];
  rows: { key: string; label: string; values: Record<string, Num>; unit?: Unit }[];
  period: { from: string | null; to: string | null };
  note?: string;
  /** Role keys that may open the dashboard (each sees only the records it may read). */
  readers: string[];
};

type Props = {
  widget: WidgetSpec;
  /** The draft dashboard it sits on: who may open it is named under the numbers. */
  dashboard: Pick<DashboardSpec, 'key' | 'roles'>;
};

/**
 * The widget as it is in the draft, computed over the live data (POST /dashboards/preview):
 * the numbers as the builder sees them, in a table, and the roles that will read the dashboard —
 * each of which counts only the records it may read, so nobody takes the builder's for theirs.
 */
export function WidgetPreview({ widget, dashboard }: Props) {
  const { t } = useTranslation('builder');
  const locale = useLocale();
  const label = useLabel();
  const spec = useDraftSpec();
  const preview = useMutation({
    mutationFn: (w: WidgetSpec) =>
      request<Report>('POST', '/api/v1/dashboards/preview', {
        widget: w,
        dashboard: { key: dashboard.key, roles: dashboard.roles },
      }),
  });
  const roleName = (key: string) => label(spec.roles?.find((r) => r.key === key)?.label, key);
  const error = preview.error;
  const report = preview.data;
  return (
    <div style={{ marginTop: 4 }} data-testid="widget-preview">
      <Button
        size="small"
        icon={<EyeOutlined />}
        loading={preview.isPending}
        onClick={() => preview.mutate(widget)}
      >
        {report ? t('dashboards.previewAgain') : t('dashboards.preview')}
      </Button>
      {error ? (
        <Alert
          type="error"
          showIcon
          style={{ marginTop: 8 }}
          title={
            error instanceof ApiError && error.errors.length > 0
              ? error.errors.map((e) => e.message).join(' · ')
              : (error as Error).message
          }
        />
      ) : null}
      {report && !error ? (
        <div style={{ marginTop: 8 }}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {report.period.from || report.period.to
              ? t('dashboards.previewPeriod', {
                  from: report.period.from ?? '…',
                  to: report.period.to ?? '…',
                })
              : t('dashboards.previewAllTime')}
          </Typography.Text>
          {report.note ? <Alert type="info" showIcon title={report.note} /> : null}
          <Typography.Paragraph
            type="secondary"
            style={{ fontSize: 12, margin: '4px 0' }}
            data-testid="widget-preview-readers"
          >
            {report.readers.length > 0
              ? t('dashboards.previewReaders', {
                  roles: report.readers.map(roleName).join(t('dashboards.listJoin')),
                })
              : t('dashboards.previewNoReaders')}
          </Typography.Paragraph>
          {report.rows.length === 0 ? (
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={t('dashboards.previewEmpty')}
            />
          ) : (
            <Table
              size="small"
              rowKey="key"
              pagination={false}
              scroll={{ x: 'max-content', y: 320 }}
              dataSource={report.rows}
              columns={[
                { key: '$label', title: '', render: (_, r) => r.label || report.title },
                ...report.columns.map((c) => ({
                  key: c.key,
                  title: <ColumnHeading column={c} />,
                  align: 'right' as const,
                  render: (_: unknown, r: Report['rows'][number]) =>
                    formatNumber(r.values[c.key]?.value ?? null, cellUnit(r, c), locale),
                })),
              ]}
            />
          )}
        </div>
      ) : null}
    </div>
  );
}
