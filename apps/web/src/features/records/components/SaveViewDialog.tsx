import { useState } from 'react';
import { App, Form, Input, Modal } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { saveView } from '../../../lib/records/api';
import { recordKeys } from '../../../lib/records/keys';
import { errorText } from '../../../lib/api/error-text';
import { ApiError } from '../../../lib/api/problem';
import type { View } from '../../../lib/records/types';

export type SaveViewProps = {
  entity: string;
  columns: string[];
  filter: unknown;
  sort: { field: string; dir: 'asc' | 'desc' } | null;
  onSaved: (view: View) => void;
};

/** The dialog that names the current columns, filter and sort and saves them as a view. */
export function SaveViewDialog({
  entity,
  columns,
  filter,
  sort,
  onSaved,
  open,
  onClose,
}: SaveViewProps & { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [label, setLabel] = useState('');
  const save = useMutation({
    mutationFn: () =>
      saveView({
        entity,
        label: label.trim(),
        type: 'list',
        columns,
        ...(filter !== undefined ? { filter } : {}),
        ...(sort ? { sort: [sort] } : {}),
      }),
    onSuccess: (view) => {
      void client.invalidateQueries({ queryKey: recordKeys.views() });
      message.success(t('views.saved'));
      onClose();
      setLabel('');
      onSaved(view);
    },
  });
  const error = save.error instanceof ApiError ? save.error : null;
  return (
    <Modal
      open={open}
      title={t('views.saveTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      onOk={() => save.mutate()}
      onCancel={onClose}
    >
      <Form layout="vertical">
        <Form.Item
          label={t('views.name')}
          htmlFor="trellis-view-name"
          validateStatus={error ? 'error' : undefined}
          help={error ? (error.errorsAt('label')[0]?.message ?? errorText(error, t)) : undefined}
        >
          <Input
            id="trellis-view-name"
            value={label}
            onChange={(e) => setLabel(e.target.value)}
            maxLength={100}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
