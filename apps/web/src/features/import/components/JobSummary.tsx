import { Col, Progress, Row, Statistic } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Job } from '../api/imports';

/** Counts of a job and, while it runs, a progress bar. */
export function JobSummary({ job }: { job: Job }) {
  const { t } = useTranslation('import');
  const percent = job.rowsTotal ? Math.floor((job.rowsDone / job.rowsTotal) * 100) : 0;
  const prefix = job.dryRun ? 'would.' : '';
  return (
    <div>
      {job.status === 'running' ? (
        <Progress
          percent={percent}
          status="active"
          aria-label={t('progress')}
          format={() => t('rowsOf', { done: job.rowsDone, total: job.rowsTotal ?? '…' })}
        />
      ) : null}
      <Row gutter={[16, 16]} style={{ marginTop: 8 }}>
        <Col xs={12} sm={6}>
          <Statistic
            title={t(`${prefix}created`)}
            value={job.created}
            valueStyle={{ color: '#389e0d' }}
          />
        </Col>
        <Col xs={12} sm={6}>
          <Statistic title={t(`${prefix}updated`)} value={job.updated} />
        </Col>
        <Col xs={12} sm={6}>
          <Statistic title={t(`${prefix}skipped`)} value={job.skipped} />
        </Col>
        <Col xs={12} sm={6}>
          <Statistic
            title={t('failed')}
            value={job.failed}
            valueStyle={job.failed ? { color: '#cf1322' } : undefined}
          />
        </Col>
      </Row>
    </div>
  );
}
