import { memo, useState } from 'react';
import { App, Button, List, Modal, Popconfirm, Select, Space, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { bulk } from '../../../lib/records/api';
import { recordKeys } from '../../../lib/records/keys';
import type { Stage } from '../../../lib/records/spec-helpers';
import type { BulkResult } from '../../../lib/records/types';
import { labelOf } from '../../../lib/i18n/label';
import { useLocale } from '../../../lib/i18n/useLocale';
import { useUsers } from '../../../lib/session/useUsers';
import { errorText } from '../../../lib/api/error-text';
import { BulkActions } from '../../../lib/records/record-slots';
import { entityOf, useLiveSpec } from '../../../lib/session/useSpec';

type Props = {
  entity: string;
  ids: string[];
  stages: Stage[];
  titleOf: (id: string) => string;
  canDelete: boolean;
  onDone: () => void;
};

/**
 * Assign, change stage or delete the selected records (the bar shows while some are selected). The server answers per record; the ones
 * refused are listed with the reason, the others are done.
 */
export const BulkBar = memo(function BulkBar({
  entity,
  ids,
  stages,
  titleOf,
  canDelete,
  onDone,
}: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const locale = useLocale();
  const users = useUsers();
  const client = useQueryClient();
  const spec = entityOf(useLiveSpec(), entity);
  const [refused, setRefused] = useState<BulkResult[]>([]);
  const run = useMutation({
    mutationFn: (body: Parameters<typeof bulk>[1]) => bulk(entity, body),
    onSuccess: (res) => {
      void client.invalidateQueries({ queryKey: recordKeys.all });
      if (res.succeeded > 0) message.success(t('bulk.done', { count: res.succeeded }));
      const failed = res.results.filter((r) => !r.ok);
      if (failed.length > 0) setRefused(failed);
      onDone();
    },
    onError: (err) => message.error(errorText(err, t)),
  });
  // The refusals outlive the selection (cleared once the server answered): the bar goes, the
  // list of what was not changed stays until closed.
  return (
    <>
      {ids.length > 0 ? (
        <div className="trellis-bulk" role="region" aria-label={t('bulk.title')}>
          <Space wrap>
            <Typography.Text strong>{t('bulk.selected', { count: ids.length })}</Typography.Text>
            <Select
              aria-label={t('bulk.assign')}
              placeholder={t('bulk.assign')}
              style={{ width: 160 }}
              showSearch
              optionFilterProp="label"
              value={null}
              disabled={run.isPending}
              options={(users.data ?? []).map((u) => ({ value: u.id, label: u.name || u.login }))}
              onChange={(ownerId: string) => run.mutate({ action: 'assign', ids, ownerId })}
            />
            {stages.length > 0 ? (
              <Select
                aria-label={t('bulk.stage')}
                placeholder={t('bulk.stage')}
                style={{ width: 160 }}
                value={null}
                disabled={run.isPending}
                options={stages.map((s) => ({
                  value: s.key,
                  label: labelOf(s.label, locale, s.key),
                }))}
                onChange={(stage: string) => run.mutate({ action: 'stage', ids, stage })}
              />
            ) : null}
            {spec ? <BulkActions entity={spec} ids={ids} onDone={onDone} /> : null}
            {canDelete ? (
              <Popconfirm
                title={t('bulk.confirmDelete', { count: ids.length })}
                onConfirm={() => run.mutate({ action: 'delete', ids })}
                okText={t('common.delete')}
                cancelText={t('common.cancel')}
              >
                <Button danger loading={run.isPending}>
                  {t('common.delete')}
                </Button>
              </Popconfirm>
            ) : null}
          </Space>
        </div>
      ) : null}
      <Modal
        open={refused.length > 0}
        title={t('bulk.refusedTitle', { count: refused.length })}
        onCancel={() => setRefused([])}
        footer={<Button onClick={() => setRefused([])}>{t('common.close')}</Button>}
      >
        <List
          size="small"
          dataSource={refused}
          renderItem={(r) => (
            <List.Item>
              <List.Item.Meta
                title={titleOf(r.id)}
                description={
                  // One reason per line: run together, several missing fields read as one sentence.
                  <>
                    {r.message}
                    {r.errors && r.errors.length > 0 && (
                      <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
                        {r.errors.map((e, i) => (
                          <li key={`${e.path}-${i}`}>{e.message}</li>
                        ))}
                      </ul>
                    )}
                  </>
                }
              />
            </List.Item>
          )}
        />
      </Modal>
    </>
  );
});
