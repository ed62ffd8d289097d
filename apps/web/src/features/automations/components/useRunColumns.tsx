import { Flex, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Run } from './run-types';

export const RUN_COLORS: Record<Run['status'], string> = {
  succeeded: 'green',
  matched: 'blue',
  skipped: 'default',
  failed: 'red',
  stopped: 'orange',
};

type Helpers = {
  automationLabel: (key: string) => string;
  recordTitle: (entity: string, id: string) => string | undefined;
  when: (at: number) => string;
};

/**
 * The run log's columns: five on a desktop; on a phone one, each run as a small card — the
 * automation's name, then its status and why, then its record and time — since the five columns
 * scrolled sideways at 390 px and cut the name, the status and the why off the screen.
 * Each part carries its class (trellis-run-*), the same in both layouts.
 */
export function useRunColumns(phone: boolean, h: Helpers): TableColumnsType<Run> {
  const { t } = useTranslation();
  const why = (r: Run) =>
    r.error ?? (r.matched ? t('runs.didRun', { count: r.actions.length }) : t('runs.notMatched'));
  const status = (r: Run) => (
    <Tag className="trellis-run-status" color={RUN_COLORS[r.status]}>
      {t(`runs.statuses.${r.status}`)}
    </Tag>
  );
  const record = (r: Run) =>
    r.entity && r.recordId ? (
      <Link className="trellis-run-record" to={`/records/${r.entity}/${r.recordId}`}>
        {h.recordTitle(r.entity, r.recordId) ?? r.recordId.slice(-8)}
      </Link>
    ) : (
      '—'
    );
  if (phone)
    return [
      {
        title: t('runs.automation'),
        key: 'run',
        render: (_, r) => (
          <Flex vertical gap={4} className="trellis-run-card">
            <span className="trellis-run-automation">{h.automationLabel(r.automationKey)}</span>
            <Flex gap={6} align="baseline">
              {status(r)}
              {/* An error's long words break rather than widen the card past the screen. */}
              <span className="trellis-run-why" style={{ minWidth: 0, overflowWrap: 'break-word' }}>
                {why(r)}
              </span>
            </Flex>
            <Flex gap={8} wrap className="trellis-card-meta">
              {record(r)}
              <span className="trellis-run-when">{h.when(r.startedAt)}</span>
            </Flex>
          </Flex>
        ),
      },
    ];
  return [
    {
      title: t('runs.when'),
      dataIndex: 'startedAt',
      width: 190,
      render: (at: number) => <span className="trellis-run-when">{h.when(at)}</span>,
    },
    {
      title: t('runs.automation'),
      dataIndex: 'automationKey',
      render: (key: string) => (
        <span className="trellis-run-automation">{h.automationLabel(key)}</span>
      ),
    },
    { title: t('runs.record'), key: 'record', render: (_, r) => record(r) },
    { title: t('runs.status'), dataIndex: 'status', width: 110, render: (_, r) => status(r) },
    {
      title: t('runs.why'),
      key: 'why',
      render: (_, r) => <span className="trellis-run-why">{why(r)}</span>,
    },
  ];
}
