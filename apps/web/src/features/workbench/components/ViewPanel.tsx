import { Card, List, Space, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorState } from '../../../components/feedback/ErrorState';
import { LoadingState } from '../../../components/feedback/LoadingState';
import { useLabel } from '../../../lib/i18n/useLabel';
import { fetchViewGroups, fetchViewPage } from '../../../lib/records/api';
import { recordKeys } from '../../../lib/records/keys';
import { titleOf } from '../../../lib/records/spec-helpers';
import type { ListParams, View } from '../../../lib/records/types';
import { useRecordFormat } from '../../../lib/records/useRecordFormat';
import { entityOf, useLiveSpec } from '../../../lib/session/useSpec';

/**
 * A view on the workbench: how many records it holds, per stage when the entity has a
 * pipeline, and the first few — each a click from its record page. `params` narrows it further
 * (an entity's whole list `@entity` narrowed to the user's own records).
 */
export function ViewPanel({
  view,
  title,
  params = {},
}: {
  view: View;
  title?: string;
  params?: ListParams;
}) {
  const { t } = useTranslation();
  const label = useLabel();
  const spec = useLiveSpec();
  const entity = entityOf(spec, view.entity)!;
  const format = useRecordFormat(entity);
  const hasStages = format.stages.length > 0;
  const page = useQuery({
    queryKey: recordKeys.list(view.key, { ...params, limit: 5 } as never),
    // The query's signal: leaving the workbench aborts what it still waits for (the server
    // then skips those counts), so the next page's own reads do not queue behind them.
    queryFn: ({ signal }) => fetchViewPage(view.key, params, null, { limit: 5, signal }),
  });
  const groups = useQuery({
    queryKey: recordKeys.groups(view.key, { ...params, by: 'stage' }),
    queryFn: ({ signal }) => fetchViewGroups(view.key, { ...params, by: 'stage' }, signal),
    enabled: hasStages,
  });
  const href =
    view.type === 'board' ? `/board/${view.key}` : `/records/${view.entity}?view=${view.key}`;
  const second = (view.columns ?? []).find((c) => c !== entity.titleField && c !== 'name');
  return (
    <Card
      size="small"
      title={title ?? label(view.label, view.key)}
      extra={
        <Link to={href}>
          {page.data?.total !== undefined
            ? `${t('list.total', { count: page.data.total })} · `
            : ''}
          {t('workbench.more')}
        </Link>
      }
    >
      {hasStages && groups.data && groups.data.length > 0 ? (
        <Space wrap size={4} style={{ marginBottom: 8 }} aria-label={t('system.stage')}>
          {format.stages
            .map((s) => ({ s, g: groups.data.find((g) => g.value === s.key) }))
            .filter((x) => x.g)
            .map(({ s, g }) => (
              <Tag key={s.key} color={s.color ?? 'default'}>
                {label(s.label, s.key)} {g!.count}
              </Tag>
            ))}
        </Space>
      ) : null}
      {page.isPending ? (
        <LoadingState rows={3} />
      ) : page.isError ? (
        <ErrorState error={page.error} onRetry={() => void page.refetch()} />
      ) : (
        <List
          size="small"
          dataSource={page.data.items}
          locale={{ emptyText: t('workbench.empty') }}
          renderItem={(r) => (
            <List.Item>
              {/* The name keeps a third of the row; the stage beside it up to the rest ("Trial
                  cla…" and "Needs c…" were cut on an English phone beside two-character names). */}
              <Link
                to={`/records/${view.entity}/${r.id}`}
                className="trellis-ellipsis"
                style={{ minWidth: '30%' }}
              >
                {titleOf(entity, r)}
              </Link>
              <Typography.Text
                type="secondary"
                className="trellis-ellipsis"
                style={{ maxWidth: '70%' }}
              >
                {[second ? format.text(second, r[second]) : '', format.text('stage', r.stage)]
                  .filter(Boolean)
                  .join(' · ')}
              </Typography.Text>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
