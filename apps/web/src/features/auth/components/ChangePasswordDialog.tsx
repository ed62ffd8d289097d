import { useState } from 'react';
import { Alert, App, Form, Input, Modal } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { request } from '../../../lib/api/client';
import { ApiError } from '../../../lib/api/problem';
import { useFieldErrors } from './useFieldErrors';

type Values = { current: string; password: string; confirm: string };

/**
 * The signed-in person changes their password (a temporary one from the workspace owner, say):
 * the current one, the new one twice. The server's refusals (a wrong current password, a new one
 * too short or too common) go under their fields; their other sessions end, this one goes on.
 */
export function ChangePasswordDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const showErrors = useFieldErrors(form);
  const [failure, setFailure] = useState<string | null>(null);
  const change = useMutation({
    mutationFn: (v: Values) =>
      request<void>('POST', '/api/v1/me/password', { current: v.current, password: v.password }),
    onSuccess: () => {
      message.success(t('account.changed'));
      onClose();
    },
    onError: (e) => {
      const error = e instanceof ApiError ? e : new ApiError({ status: 0, code: 'network' });
      setFailure(showErrors(error) ? null : error.message);
    },
  });
  return (
    <Modal
      open
      title={t('account.title')}
      okText={t('account.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={change.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        aria-label={t('account.title')}
        initialValues={{ current: '', password: '', confirm: '' }}
        onFinish={(v) => {
          setFailure(null);
          change.mutate(v);
        }}
      >
        <Form.Item
          name="current"
          label={t('account.current')}
          rules={[{ required: true, message: t('auth.passwordRequired') }]}
        >
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item name="password" label={t('account.new')} extra={t('account.hint')}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('setup.confirm')}
          dependencies={['password']}
          rules={[
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                value === getFieldValue('password')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('setup.mismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        {failure ? <Alert type="error" showIcon role="alert" title={failure} /> : null}
      </Form>
    </Modal>
  );
}
