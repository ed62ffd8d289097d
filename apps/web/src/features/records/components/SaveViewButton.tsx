import { useState } from 'react';
import { App, Button, Form, Input, Modal } from 'antd';
import { OpenedOnce } from '../../../components/OpenedOnce';
import { SaveOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { saveView } from '../../../lib/records/api';
import { recordKeys } from '../../../lib/records/keys';
import { errorText } from '../../../lib/api/error-text';
import { ApiError } from '../../../lib/api/problem';
import type { View } from '../../../lib/records/types';

type Props = {
  entity: string;
  columns: string[];
  filter: unknown;
  sort: { field: string; dir: 'asc' | 'desc' } | null;
  onSaved: (view: View) => void;
};

/** Saves the current columns, filter and sort as a view of the user's own. */
export function SaveViewButton({ entity, columns, filter, sort, onSaved }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
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
      setOpen(false);
      setLabel('');
      onSaved(view);
    },
  });
  const error = save.error instanceof ApiError ? save.error : null;
  return (
    <>
      <Button icon={<SaveOutlined />} onClick={() => setOpen(true)}>
        {t('views.save')}
      </Button>
      <OpenedOnce open={open}>
        <Modal
          open={open}
          title={t('views.saveTitle')}
          okText={t('common.save')}
          cancelText={t('common.cancel')}
          confirmLoading={save.isPending}
          onOk={() => save.mutate()}
          onCancel={() => setOpen(false)}
        >
          <Form layout="vertical">
            <Form.Item
              label={t('views.name')}
              htmlFor="trellis-view-name"
              validateStatus={error ? 'error' : undefined}
              help={
                error ? (error.errorsAt('label')[0]?.message ?? errorText(error, t)) : undefined
              }
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
      </OpenedOnce>
    </>
  );
}
