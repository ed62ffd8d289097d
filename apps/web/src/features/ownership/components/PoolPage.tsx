import { useState } from 'react';
import { Alert, App, Button, Input, Table, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { EntitySpec } from '@trellis/spec';
import { EmptyState } from '../../../components/feedback/EmptyState';
import { ErrorState } from '../../../components/feedback/ErrorState';
import { QueryBoundary } from '../../../components/feedback/QueryBoundary';
import { ApiError } from '../../../lib/api/problem';
import { useIsPhone } from '../../../hooks/useIsPhone';
import { useLabel } from '../../../lib/i18n/useLabel';
import { recordKeys } from '../../../lib/records/keys';
import type { RecordData } from '../../../lib/records/types';
import { useRecordFormat } from '../../../lib/records/useRecordFormat';
import { entityOf, useLiveSpec } from '../../../lib/session/useSpec';
import { claim, ownershipKeys, poolPage } from '../api/ownership';

/** `/pool/:entity`: the public pool (公海) — unowned records with the pool's fields, to claim. */
export function PoolPage() {
  const { entity: key = '' } = useParams();
  const entity = entityOf(useLiveSpec(), key);
  if (!entity || entity.pool !== true) return <ErrorState error={new ApiError({ status: 404 })} />;
  return <Pool key={entity.key} entity={entity} />;
}

function Pool({ entity }: { entity: EntitySpec }) {
  const { t } = useTranslation('ownership');
  const { message } = App.useApp();
  const label = useLabel();
  const phone = useIsPhone();
  const format = useRecordFormat(entity);
  const client = useQueryClient();
  const [q, setQ] = useState('');
  const query = useQuery({
    queryKey: ownershipKeys.pool(entity.key, q),
    queryFn: () => poolPage(entity.key, q, null),
  });
  const [refused, setRefused] = useState<string | null>(null);
  const take = useMutation({
    mutationFn: (id: string) => claim(entity.key, id),
    onSuccess: () => {
      setRefused(null);
      void client.invalidateQueries({ queryKey: ownershipKeys.all });
      void client.invalidateQueries({ queryKey: recordKeys.all });
      message.success(t('pool.claimed'));
    },
    // The cap's message names it ("the cap is 60"): it stays above the list, not in a toast.
    onError: (e) => setRefused(e instanceof ApiError ? e.message : t('error.unknown')),
  });
  // Named as in the menu ("线索公海", "Lead pool").
  const title = label(entity.label, entity.key);
  return (
    <div>
      <div className="trellis-page-title">
        <Typography.Title level={3}>{t('pool.title', { entity: title })}</Typography.Title>
        <Input.Search
          allowClear
          aria-label={t('pool.search')}
          placeholder={t('pool.search')}
          style={{ width: phone ? '100%' : 280 }}
          onSearch={setQ}
        />
      </div>
      <Typography.Paragraph type="secondary">
        {t('pool.intro')}
        {entity.poolPolicy?.claimCap ? t('pool.cap', { cap: entity.poolPolicy.claimCap }) : ''}
      </Typography.Paragraph>
      {refused ? (
        <Alert
          type="warning"
          showIcon
          closable
          onClose={() => setRefused(null)}
          message={refused}
          style={{ marginBottom: 12 }}
        />
      ) : null}
      <QueryBoundary query={query} rows={6}>
        {(page) =>
          page.items.length === 0 ? (
            <EmptyState description={t('pool.empty')} />
          ) : (
            <Table<RecordData>
              size="small"
              rowKey={(r) => String(r.id)}
              dataSource={page.items}
              pagination={false}
              // On a phone the table fits the screen, the details line cut with an ellipsis.
              {...(phone ? { tableLayout: 'fixed' as const } : { scroll: { x: 'max-content' } })}
              footer={() => t('pool.total', { count: page.total ?? page.items.length })}
              columns={[
                ...(phone ? page.fields.slice(0, 1) : page.fields).map((f, i) => ({
                  key: f,
                  title: format.label(f),
                  render: (_: unknown, r: RecordData) =>
                    i === 0 ? (
                      <>
                        <Link to={`/records/${entity.key}/${String(r.id)}`}>
                          {format.text(f, r[f]) || String(r.id)}
                        </Link>
                        {/* A phone has room for one column: the other fields go on a line below. */}
                        {phone ? (
                          <div className="trellis-card-meta trellis-ellipsis">
                            {page.fields
                              .slice(1)
                              .map((other) => format.text(other, r[other]))
                              .filter(Boolean)
                              .join(' · ')}
                          </div>
                        ) : null}
                      </>
                    ) : (
                      format.text(f, r[f])
                    ),
                })),
                {
                  key: 'claim',
                  title: '',
                  ...(phone ? { width: 88 } : {}),
                  align: 'right' as const,
                  render: (_: unknown, r: RecordData) => (
                    <Button
                      size="small"
                      type="primary"
                      loading={take.isPending && take.variables === String(r.id)}
                      onClick={() => take.mutate(String(r.id))}
                    >
                      {t('pool.claim')}
                    </Button>
                  ),
                },
              ]}
            />
          )
        }
      </QueryBoundary>
    </div>
  );
}
