import { useState } from 'react';
import { Alert, App, Button, Form, Input, Modal, Select, Space, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { EntitySpec } from '@trellis/spec';
import { ApiError } from '../../../lib/api/problem';
import { recordKeys } from '../../../lib/records/keys';
import { useUsers } from '../../../lib/session/useUsers';
import { handOver, ownershipKeys, type Handover } from '../api/ownership';
import { ConsentLink } from './ConsentLink';
import { afterKey, handoverWindows, type Window } from './handover-windows';
import { NoteFields } from './NoteFields';
import { noteRule, toNote } from './note-policy';

type Props = {
  entity: EntitySpec;
  ids: string[];
  /** The current owner when one record is handed over (not offered as the new one). */
  ownerId?: string | null;
  open: boolean;
  onClose: () => void;
  onDone?: () => void;
};

type Values = {
  to?: string;
  reason?: string;
  needs?: string[];
  risks?: string[];
  open?: string[];
  text?: string;
};

/**
 * Hands one or several records over: the new owner, why, the note the entity's rules ask for
 * (each part's errors under it), then — for one record — the customer's consent link.
 */
export function HandoverDialog({ entity, ids, ownerId, open, onClose, onDone }: Props) {
  const { t } = useTranslation('ownership');
  const { message } = App.useApp();
  const users = useUsers();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [done, setDone] = useState<Handover[] | null>(null);
  const rule = noteRule(entity);
  const run = useMutation({
    mutationFn: (v: Values) => {
      const note = toNote(v);
      return handOver(entity.key, {
        ids,
        to: v.to ?? '',
        ...(v.reason?.trim() ? { reason: v.reason.trim() } : {}),
        ...(note ? { note } : {}),
      });
    },
    onSuccess: (res) => {
      void client.invalidateQueries({ queryKey: recordKeys.all });
      void client.invalidateQueries({ queryKey: ownershipKeys.all });
      message.success(t('handover.done', { count: res.handovers.length }));
      setDone(res.handovers);
      onDone?.();
    },
  });
  const error = run.error instanceof ApiError ? run.error : null;
  const at = (path: string) =>
    error?.errors
      .filter((e) => e.path === path)
      .map((e) => e.message)
      .join('；') || undefined;
  const close = () => {
    setDone(null);
    run.reset();
    form.resetFields();
    onClose();
  };
  const single = done?.length === 1 ? done[0] : undefined;
  const toName = (id: string) => users.byId.get(id)?.name || users.byId.get(id)?.login || id;
  // What happens next, in the entity's own windows (a "0h" one is not mentioned).
  const windows = handoverWindows(entity);
  const after = afterKey(windows);
  const span = (w: Window) => t(`window.${w.unit}`, { count: w.count });
  return (
    <Modal
      open={open}
      title={t('handover.title', { count: ids.length })}
      onCancel={close}
      destroyOnHidden
      footer={
        done ? (
          <Button type="primary" onClick={close}>
            {t('common.close')}
          </Button>
        ) : (
          <Space>
            <Button onClick={close}>{t('common.cancel')}</Button>
            <Button type="primary" loading={run.isPending} onClick={() => form.submit()}>
              {t('handover.submit')}
            </Button>
          </Space>
        )
      }
    >
      {done ? (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Alert
            type="success"
            showIcon
            message={
              done.every((h) => h.status === 'pending')
                ? t('handover.waiting', { name: toName(done[0]?.toUserId ?? '') })
                : t('handover.moved', { name: toName(done[0]?.toUserId ?? '') })
            }
          />
          {single ? <ConsentLink handoverId={single.id} /> : null}
        </Space>
      ) : (
        <Form
          form={form}
          layout="vertical"
          aria-label={t('handover.title', { count: ids.length })}
          onFinish={(v) => run.mutate(v)}
          onValuesChange={() => run.isError && run.reset()}
        >
          {error && error.errors.length === 0 ? (
            <Alert type="error" showIcon message={error.message} style={{ marginBottom: 12 }} />
          ) : null}
          <Form.Item
            name="to"
            label={t('handover.to')}
            required
            validateStatus={at('/to') ? 'error' : undefined}
            help={at('/to')}
          >
            <Select
              showSearch
              optionFilterProp="label"
              placeholder={t('handover.toPlaceholder')}
              options={(users.data ?? [])
                .filter((u) => u.id !== ownerId)
                .map((u) => ({ value: u.id, label: u.name || u.login }))}
            />
          </Form.Item>
          <Form.Item name="reason" label={t('handover.reason')}>
            <Input maxLength={1000} placeholder={t('handover.reasonPlaceholder')} />
          </Form.Item>
          <NoteFields rule={rule} errorAt={at} />
          {after ? (
            <Typography.Text type="secondary">
              {t(after, {
                within: span(windows.contact),
                cooldown: span(windows.cooldown),
              })}
            </Typography.Text>
          ) : null}
        </Form>
      )}
    </Modal>
  );
}
