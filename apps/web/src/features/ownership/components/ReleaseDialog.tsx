import { App, Form, Input, Modal } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../lib/api/problem';
import { recordKeys } from '../../../lib/records/keys';
import { ownershipKeys, release } from '../api/ownership';

/** Puts a record back into the public pool, with the reason the pool asks for. */
export function ReleaseDialog({
  entity,
  id,
  open,
  onClose,
}: {
  entity: string;
  id: string;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation('ownership');
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<{ reason?: string }>();
  const run = useMutation({
    mutationFn: (reason: string) => release(entity, id, reason),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: recordKeys.all });
      void client.invalidateQueries({ queryKey: ownershipKeys.all });
      message.success(t('release.done'));
      onClose();
    },
  });
  const error = run.error instanceof ApiError ? run.error : null;
  const reasonError = error?.errorsAt('reason').map((e) => e.message)[0];
  return (
    <Modal
      open={open}
      title={t('release.title')}
      okText={t('release.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={run.isPending}
      onOk={() => form.submit()}
      onCancel={() => {
        run.reset();
        onClose();
      }}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        aria-label={t('release.title')}
        onFinish={(v) => run.mutate(v.reason ?? '')}
        onValuesChange={() => run.isError && run.reset()}
      >
        <Form.Item
          name="reason"
          label={t('release.reason')}
          required
          validateStatus={error ? 'error' : undefined}
          help={reasonError ?? error?.message}
        >
          <Input.TextArea rows={3} maxLength={1000} placeholder={t('release.placeholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
