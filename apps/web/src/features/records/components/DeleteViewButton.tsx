import { App, Button, Popconfirm } from 'antd';
import { DeleteOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { deleteView } from '../../../lib/records/api';
import { recordKeys } from '../../../lib/records/keys';
import { errorText } from '../../../lib/api/error-text';

/** Deletes one of the user's saved views (the spec's views change in the builder). */
export function DeleteViewButton({
  viewKey,
  onDeleted,
}: {
  viewKey: string;
  onDeleted: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const remove = useMutation({
    mutationFn: () => deleteView(viewKey),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: recordKeys.views() });
      onDeleted();
    },
    onError: (err) => message.error(errorText(err, t)),
  });
  return (
    <Popconfirm
      title={t('views.confirmDelete')}
      okText={t('common.delete')}
      cancelText={t('common.cancel')}
      onConfirm={() => remove.mutate()}
    >
      <Button icon={<DeleteOutlined />} aria-label={t('views.delete')} loading={remove.isPending} />
    </Popconfirm>
  );
}
