import { useState } from 'react';
import { App, Button, Card, Input, List, Popconfirm, Space, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState } from '../../../components/feedback/EmptyState';
import { QueryBoundary } from '../../../components/feedback/QueryBoundary';
import { ApiError } from '../../../lib/api/problem';
import { useLocale } from '../../../lib/i18n/useLocale';
import { recordKeys, workKeys } from '../../../lib/records/keys';
import { useUsers } from '../../../lib/session/useUsers';
import {
  acceptHandover,
  declineHandover,
  ownershipKeys,
  pendingHandovers,
  type Handover,
} from '../api/ownership';
import { NoteView } from './NoteView';

/** `/handovers`: the handovers waiting for me, each with its note, to accept or decline. */
export function MyHandoversPage() {
  const { t } = useTranslation('ownership');
  const query = useQuery({ queryKey: ownershipKeys.pending(), queryFn: pendingHandovers });
  return (
    <div>
      <div className="trellis-page-title">
        <Typography.Title level={3}>{t('mine.title')}</Typography.Title>
      </div>
      <QueryBoundary query={query} rows={4}>
        {(items) =>
          items.length === 0 ? (
            <EmptyState description={t('mine.empty')} />
          ) : (
            <List
              dataSource={items}
              renderItem={(h) => (
                <List.Item key={h.id} style={{ display: 'block', border: 0, padding: '0 0 12px' }}>
                  <HandoverCard handover={h} />
                </List.Item>
              )}
            />
          )
        }
      </QueryBoundary>
    </div>
  );
}

function HandoverCard({ handover: h }: { handover: Handover }) {
  const { t } = useTranslation('ownership');
  const { message } = App.useApp();
  const locale = useLocale();
  const users = useUsers();
  const client = useQueryClient();
  const [reason, setReason] = useState('');
  const done = (key: string) => () => {
    void client.invalidateQueries({ queryKey: ownershipKeys.all });
    void client.invalidateQueries({ queryKey: recordKeys.all });
    // The menu's badge and the workbench tile count what is still waiting.
    void client.invalidateQueries({ queryKey: workKeys.all });
    message.success(t(key));
  };
  const fail = (e: unknown) =>
    message.error(e instanceof ApiError ? e.message : t('error.unknown'));
  const accept = useMutation({
    mutationFn: () => acceptHandover(h.id),
    onSuccess: done('mine.accepted'),
    onError: fail,
  });
  const decline = useMutation({
    mutationFn: () => declineHandover(h.id, reason),
    onSuccess: done('mine.declined'),
    onError: fail,
  });
  const name = (id: string | null) =>
    id ? users.byId.get(id)?.name || users.byId.get(id)?.login || id : t('mine.pool');
  const when = new Intl.DateTimeFormat(locale === 'en' ? 'en-US' : 'zh-CN', {
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(new Date(h.createdAt));
  return (
    <Card
      size="small"
      title={
        <Link to={`/records/${h.entity}/${h.recordId}`} className="trellis-ellipsis">
          {h.summary?.title ?? h.recordId}
        </Link>
      }
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">
          {t('mine.from', { name: name(h.fromUserId), when })}
        </Typography.Text>
        {h.reason ? (
          <Typography.Text>{t('mine.reason', { reason: h.reason })}</Typography.Text>
        ) : null}
        <NoteView note={h.summary?.note} />
        <Space wrap>
          <Button type="primary" loading={accept.isPending} onClick={() => accept.mutate()}>
            {t('mine.accept')}
          </Button>
          <Popconfirm
            title={t('mine.declineTitle')}
            description={
              <Input
                aria-label={t('mine.declineReason')}
                placeholder={t('mine.declineReason')}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
              />
            }
            okText={t('mine.decline')}
            cancelText={t('common.cancel')}
            onConfirm={() => decline.mutate()}
          >
            <Button loading={decline.isPending}>{t('mine.decline')}</Button>
          </Popconfirm>
        </Space>
      </Space>
    </Card>
  );
}
