import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Flex, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { QueryBoundary } from '../../../components/feedback/QueryBoundary';
import { EmptyState } from '../../../components/feedback/EmptyState';
import { useIsPhone } from '../../../hooks/useIsPhone';
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
  const phone = useIsPhone();
  const version = (v: number, i: number) => (
    <Space>
      {`v${v}`}
      {i === 0 ? <Tag color="green">{t('history.live')}</Tag> : null}
    </Space>
  );
  const when = (at: number) => new Date(at).toLocaleString(locale);
  const by = (id: string | null) =>
    id ? (users.byId.get(id)?.name ?? users.byId.get(id)?.login ?? '—') : '—';
  const actions = (r: VersionInfo, i: number) =>
    i === 0 ? null : (
      <Space wrap>
        <Button size="small" onClick={() => void intoDraft(r.version)}>
          {t('history.intoDraft')}
        </Button>
        <Button size="small" danger onClick={() => setRestoring(r.version)}>
          {t('history.restore')}
        </Button>
      </Space>
    );
  const columns: TableColumnsType<VersionInfo> = [
    {
      title: t('history.version'),
      dataIndex: 'version',
      width: 110,
      render: (v, _r, i) => version(v, i),
    },
    { title: t('history.when'), dataIndex: 'publishedAt', render: when },
    { title: t('history.by'), dataIndex: 'publishedBy', render: by },
    { title: t('history.note'), dataIndex: 'note', render: (n: string | null) => n ?? '' },
    { title: '', key: 'actions', align: 'right', render: (_v, r, i) => actions(r, i) },
  ];
  // On a phone one card per version (the five columns scrolled sideways and hid who published
  // it and the restore buttons): the version and when, who and the note, then the buttons.
  const phoneColumns: TableColumnsType<VersionInfo> = [
    {
      title: t('history.version'),
      key: 'version',
      render: (_v, r, i) => (
        <Flex vertical gap={4} className="trellis-version-card">
          <Flex gap={8} wrap align="center">
            {version(r.version, i)}
            <span className="trellis-card-meta">{when(r.publishedAt)}</span>
          </Flex>
          {r.publishedBy || r.note ? (
            <span className="trellis-card-meta">
              {[r.publishedBy ? by(r.publishedBy) : null, r.note].filter(Boolean).join(' · ')}
            </span>
          ) : null}
          {actions(r, i)}
        </Flex>
      ),
    },
  ];
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
              {...(phone ? { tableLayout: 'fixed' as const } : { scroll: { x: 640 } })}
              expandable={{ expandedRowRender: (v) => <VersionChanges version={v.version} /> }}
              columns={phone ? phoneColumns : columns}
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
