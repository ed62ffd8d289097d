import { useState } from 'react';
import { Alert, Button, Empty, Flex, List, Select, Tag, Typography } from 'antd';
import { ExperimentOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AutomationSpec, EntitySpec } from '@trellis/spec';
import { request } from '../../../lib/api/client';
import { titleOf } from '../../../lib/records/spec-helpers';
import { useLabel } from '../../../lib/i18n/useLabel';
import type { RecordData } from '../../../lib/records/types';
import { useDraft } from '../draft/useDraft';
import { usePublishedAutomation } from './usePublishedAutomation';

type Run = {
  matched: boolean;
  status: string;
  error: string | null;
  recordId: string | null;
  actions: { type?: string; ok?: boolean; error?: string; result?: unknown }[];
};

type Props = { automation: AutomationSpec; entity: EntitySpec | undefined };

/**
 * "Test on a record": the automation's dry run on a record picked by search — whether its
 * condition holds and what each action would do, with nothing written. An automation the draft
 * changed (or added) is tried as the saved draft has it, before anyone publishes it.
 */
export function AutomationTest({ automation, entity }: Props) {
  const { t } = useTranslation('builder');
  const [q, setQ] = useState('');
  const [record, setRecord] = useState<string>();
  const { changed } = usePublishedAutomation(automation.key);
  const saved = useDraft((s) => s.save === 'saved');
  const found = useQuery({
    queryKey: ['builder', 'test-search', q],
    enabled: q.length > 0,
    queryFn: () =>
      request<{ results: { entity: string; items: RecordData[] }[] }>(
        'GET',
        `/api/v1/search?q=${encodeURIComponent(q)}`,
      ),
  });
  const run = useMutation({
    mutationFn: (id: string) =>
      request<{ runs: Run[] }>('POST', `/api/v1/automations/${automation.key}/test`, {
        record: id,
        // A changed or new automation is tried as the (saved) draft has it.
        ...(changed ? { draft: true } : {}),
      }),
  });
  const options = (found.data?.results ?? [])
    .filter((g) => g.entity === entity?.key)
    .flatMap((g) => g.items)
    .map((r) => ({ value: String(r.id), label: entity ? titleOf(entity, r) : String(r.id) }));
  return (
    <div>
      <Typography.Paragraph type="secondary">{t('automations.testHelp')}</Typography.Paragraph>
      {changed ? (
        <Alert
          type="info"
          showIcon
          title={t('automations.testDraft')}
          style={{ marginBottom: 12 }}
        />
      ) : null}
      <Flex gap={8} wrap>
        <Select
          showSearch
          aria-label={t('automations.testRecord')}
          placeholder={t('automations.testRecordPlaceholder')}
          filterOption={false}
          onSearch={setQ}
          value={record}
          onChange={setRecord}
          loading={found.isFetching}
          options={options}
          style={{ minWidth: 260, flex: '1 1 260px', maxWidth: 420 }}
          notFoundContent={q ? t('automations.testNoRecord') : null}
        />
        <Button
          type="primary"
          icon={<ExperimentOutlined />}
          disabled={!record || (changed && !saved)}
          loading={run.isPending}
          onClick={() => record && run.mutate(record)}
        >
          {t('automations.testRun')}
        </Button>
      </Flex>
      {run.isError ? (
        <Alert
          type="error"
          showIcon
          title={(run.error as Error).message}
          style={{ marginTop: 12 }}
        />
      ) : null}
      {run.data ? (
        <RunResult runs={run.data.runs} automationKey={automation.key} entity={entity} />
      ) : null}
    </div>
  );
}

function RunResult({
  runs,
  automationKey,
  entity,
}: {
  runs: Run[];
  automationKey: string;
  entity: EntitySpec | undefined;
}) {
  const { t } = useTranslation('builder');
  const label = useLabel();
  const fieldLabel = (key: string) => label(entity?.fields.find((f) => f.key === key)?.label, key);
  if (runs.length === 0)
    return <Empty description={t('automations.testNoRun')} style={{ marginTop: 16 }} />;
  return (
    <List
      style={{ marginTop: 16 }}
      bordered
      dataSource={runs}
      renderItem={(r) => (
        <List.Item>
          <div style={{ width: '100%' }}>
            <Flex gap={8} align="center" wrap>
              <Tag color={r.matched ? 'green' : 'default'}>
                {r.matched ? t('automations.testWouldRun') : t('automations.testWouldSkip')}
              </Tag>
              {r.error ? <Typography.Text type="danger">{r.error}</Typography.Text> : null}
            </Flex>
            {r.matched ? (
              <ol style={{ margin: '8px 0 0', paddingInlineStart: 20 }}>
                {r.actions.map((a, i) => (
                  <li key={i}>
                    {t(`automations.actions.${a.type ?? ''}`, { defaultValue: a.type ?? '' })}{' '}
                    {a.ok === false ? (
                      <Typography.Text type="danger">{a.error}</Typography.Text>
                    ) : (
                      <Typography.Text type="secondary">
                        {describe(a.result, fieldLabel)}
                      </Typography.Text>
                    )}
                  </li>
                ))}
              </ol>
            ) : (
              <Typography.Text type="secondary">
                {t('automations.testConditionFalse')}
              </Typography.Text>
            )}
          </div>
        </List.Item>
      )}
      footer={
        <Link to={`/automations/runs?automation=${automationKey}`}>{t('automations.runLog')}</Link>
      }
    />
  );
}

/**
 * An action's result in one line, as the run log says it: its summary (who it would assign, the
 * task it would create), and for the fields it would set each field's label and value — not the
 * result's JSON (ids and versions mean nothing to a builder).
 */
function describe(result: unknown, fieldLabel: (key: string) => string): string {
  if (result === undefined || result === null) return '';
  const { summary, data } = result as { summary?: unknown; data?: { values?: unknown } };
  const values = data?.values;
  const text =
    values && typeof values === 'object'
      ? Object.entries(values)
          .map(([key, v]) => `${fieldLabel(key)}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
          .join('; ')
      : typeof summary === 'string'
        ? summary
        : JSON.stringify(result);
  return text.length > 160 ? `${text.slice(0, 157)}…` : text;
}
