import { useQuery } from '@tanstack/react-query';
import { Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../../components/feedback/ErrorState';
import { jobRows, type RowResult } from '../api/imports';

const COLORS: Record<RowResult['outcome'], string> = {
  created: 'green',
  updated: 'blue',
  skipped: 'default',
  failed: 'red',
};

/** The rows that need a look (failed, skipped), each reason next to its column. */
export function RowReport({ jobId, dryRun }: { jobId: string; dryRun: boolean }) {
  const { t } = useTranslation('import');
  const rows = useQuery({ queryKey: ['imports', jobId, 'rows'], queryFn: () => jobRows(jobId) });
  if (rows.isError) return <ErrorState error={rows.error} onRetry={() => void rows.refetch()} />;
  const items = (rows.data?.items ?? []).filter(
    (r) => r.outcome === 'failed' || r.outcome === 'skipped',
  );
  return (
    <Table
      size="small"
      rowKey="row"
      loading={rows.isPending}
      dataSource={items}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      locale={{ emptyText: t('noProblems') }}
      scroll={{ x: 'max-content' }}
      columns={[
        { title: t('row'), dataIndex: 'row', width: 70 },
        {
          title: t('outcome'),
          dataIndex: 'outcome',
          width: 110,
          render: (o: RowResult['outcome']) => (
            <Tag color={COLORS[o]}>{t(`${dryRun && o !== 'failed' ? 'would.' : ''}${o}`)}</Tag>
          ),
        },
        {
          title: t('reason'),
          key: 'errors',
          render: (_: unknown, r: RowResult) => (
            <div>
              {r.errors.map((e, i) => (
                <div key={i}>
                  {e.column ? <Typography.Text strong>{e.column}：</Typography.Text> : null}
                  {e.message}
                </div>
              ))}
            </div>
          ),
        },
      ]}
    />
  );
}
