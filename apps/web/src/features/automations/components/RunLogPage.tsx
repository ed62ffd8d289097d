import { Button, Flex, Select, Space, Table, Typography } from 'antd';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ErrorState } from '../../../components/feedback/ErrorState';
import { useIsPhone } from '../../../hooks/useIsPhone';
import { query, request } from '../../../lib/api/client';
import { useLabel } from '../../../lib/i18n/useLabel';
import { useLocale } from '../../../lib/i18n/useLocale';
import { useRecordTitles } from '../../../lib/records/useRecordTitles';
import { useLiveSpec } from '../../../lib/session/useSpec';
import { RunTrace } from './RunTrace';
import { RUN_COLORS, useRunColumns } from './useRunColumns';
import type { AutomationSpec } from '@trellis/spec';
import type { Run } from './run-types';

const STATUSES = Object.keys(RUN_COLORS) as Run['status'][];

/**
 * `/automations/runs?automation=&record=`: the automation run log for those allowed to watch it —
 * per run whether its condition matched, its actions and any error; a row opens the trace of why
 * it did or did not act (the failed part of the condition with the record's value, each action).
 */
export function RunLogPage() {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const label = useLabel();
  const locale = useLocale();
  const spec = useLiveSpec();
  const [params, setParams] = useSearchParams();
  // Both filters live in the address: a reload or a shared link shows the same runs.
  const automation = params.get('automation') ?? undefined;
  const status = params.get('status') ?? undefined;
  const filter = { record: params.get('record') ?? undefined, automation, status };
  const setParam = (name: string) => (value: string | undefined) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );
  const setAutomation = setParam('automation');
  const setStatus = setParam('status');
  const runs = useInfiniteQuery({
    queryKey: ['automations', 'runs', filter],
    queryFn: ({ pageParam }) =>
      request<{ items: Run[]; nextCursor: string | null }>(
        'GET',
        `/api/v1/automations/runs` + query({ ...filter, cursor: pageParam, limit: 50 }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  // The live spec carries automations only for those who may change them; a manager who watches
  // the log gets their names (and no robot tokens) from the automations list.
  const listed = useQuery({
    queryKey: ['automations', 'list'],
    queryFn: () => request<{ items: AutomationSpec[] }>('GET', '/api/v1/automations'),
    enabled: !spec.automations,
    staleTime: 5 * 60_000,
  });
  const automations = spec.automations ?? listed.data?.items ?? [];
  const rows = (runs.data?.pages ?? []).flatMap((p) => p.items);
  // Each run's record by its title (a lead's name), read as the viewer may read it.
  const titles = useRecordTitles(
    rows.flatMap((r) => (r.entity && r.recordId ? [[r.entity, r.recordId] as const] : [])),
  );
  const automationLabel = (key: string) =>
    label(automations.find((a) => a.key === key)?.label, key);
  const when = (at: number) =>
    new Intl.DateTimeFormat(locale === 'en' ? 'en-US' : 'zh-CN', {
      dateStyle: 'medium',
      timeStyle: 'medium',
    }).format(new Date(at));
  const columns = useRunColumns(phone, {
    automationLabel,
    recordTitle: titles,
    when,
  });
  if (runs.isError) return <ErrorState error={runs.error} onRetry={() => void runs.refetch()} />;
  return (
    <div>
      <div className="trellis-page-title">
        <Typography.Title level={3}>{t('runs.title')}</Typography.Title>
        <Flex gap={8} wrap style={phone ? { width: '100%' } : undefined}>
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            aria-label={t('runs.filterAutomation')}
            placeholder={t('runs.filterAutomation')}
            // A phone's whole width: the names are long ("Other courses go to the re…").
            style={{ width: phone ? '100%' : 220, maxWidth: '100%' }}
            value={automation}
            onChange={setAutomation}
            options={automations.map((a) => ({
              value: a.key,
              label: automationLabel(a.key),
            }))}
          />
          <Select
            allowClear
            aria-label={t('runs.status')}
            placeholder={t('runs.status')}
            style={{ width: 160 }}
            value={status}
            onChange={setStatus}
            options={STATUSES.map((s) => ({ value: s, label: t(`runs.statuses.${s}`) }))}
          />
        </Flex>
      </div>
      <Table<Run>
        rowKey="id"
        size="small"
        loading={runs.isPending}
        dataSource={rows}
        pagination={false}
        {...(phone ? { tableLayout: 'fixed' as const } : { scroll: { x: 720 } })}
        locale={{ emptyText: t('runs.empty') }}
        expandable={{ expandedRowRender: (r) => <RunTrace run={r} spec={spec} /> }}
        columns={columns}
      />
      {runs.hasNextPage ? (
        <Space style={{ marginTop: 12 }}>
          <Button loading={runs.isFetchingNextPage} onClick={() => void runs.fetchNextPage()}>
            {t('board.loadMore')}
          </Button>
        </Space>
      ) : null}
    </div>
  );
}
