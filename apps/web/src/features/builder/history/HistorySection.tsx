import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { QueryBoundary } from '../../../components/feedback/QueryBoundary';
import { EmptyState } from '../../../components/feedback/EmptyState';
import { useLocale } from '../../../lib/i18n/useLocale';
import { useUsers } from '../../../lib/session/useUsers';
import { builderKeys, fetchVersion, listVersions, type VersionInfo } from '../draft/api';
import { editableSpec } from '../draft/skeleton';
import { useDraftStore } from '../draft/useDraft';
import { RestoreDialog } from './RestoreDialog';
import { VersionChanges } from './VersionChanges';

/** Published versions, newest first: what each changed, restore one, or copy one into the draft. */
export function HistorySection() {
  const { t } = useTranslation('builder');
  const locale = useLocale();
  const users = useUsers();
  const store = useDraftStore();
  const { message } = App.useApp();
  const versions = useQuery({ queryKey: builderKeys.versions(), queryFn: listVersions });
  const [restoring, setRestoring] = useState<number | null>(null);
  const intoDraft = async (v: number) => {
    const detail = await fetchVersion(v);
    store.replace(t('history.intoDraftStep', { version: v }), editableSpec(detail.spec, locale));
    void message.success(t('history.inDraft', { version: v }));
  };
  return (
    <QueryBoundary query={versions}>
      {(items) =>
        items.length === 0 ? (
          <EmptyState description={t('history.empty')} />
        ) : (
          <>
            <Typography.Paragraph type="secondary">{t('history.intro')}</Typography.Paragraph>
            <Table<VersionInfo>
              rowKey="version"
              dataSource={items}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              scroll={{ x: 640 }}
              expandable={{ expandedRowRender: (v) => <VersionChanges version={v.version} /> }}
              columns={[
                {
                  title: t('history.version'),
                  dataIndex: 'version',
                  width: 110,
                  render: (v: number, _r, i) => (
                    <Space>
                      {`v${v}`}
                      {i === 0 ? <Tag color="green">{t('history.live')}</Tag> : null}
                    </Space>
                  ),
                },
                {
                  title: t('history.when'),
                  dataIndex: 'publishedAt',
                  render: (at: number) => new Date(at).toLocaleString(locale),
                },
                {
                  title: t('history.by'),
                  dataIndex: 'publishedBy',
                  render: (id: string | null) =>
                    id ? (users.byId.get(id)?.name ?? users.byId.get(id)?.login ?? '—') : '—',
                },
                {
                  title: t('history.note'),
                  dataIndex: 'note',
                  render: (n: string | null) => n ?? '',
                },
                {
                  title: '',
                  key: 'actions',
                  align: 'right',
                  render: (_v, r, i) =>
                    i === 0 ? null : (
                      <Space wrap>
                        <Button size="small" onClick={() => void intoDraft(r.version)}>
                          {t('history.intoDraft')}
                        </Button>
                        <Button size="small" danger onClick={() => setRestoring(r.version)}>
                          {t('history.restore')}
                        </Button>
                      </Space>
                    ),
                },
              ]}
            />
            {restoring !== null ? (
              <RestoreDialog version={restoring} onClose={() => setRestoring(null)} />
            ) : null}
          </>
        )
      }
    </QueryBoundary>
  );
}
