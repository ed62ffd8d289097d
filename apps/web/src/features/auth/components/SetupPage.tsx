import { useState } from 'react';
import { Alert, Button, Form, Input } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiError } from '../../../lib/api/problem';
import { sessionKeys } from '../../../lib/session/keys';
import { setup } from '../api/auth';
import { AuthCard } from './AuthCard';
import { useFieldErrors } from './useFieldErrors';

type Values = { login: string; name: string; password: string; confirm: string };

/** First run: the person installing Trellis creates the administrator account. */
export function SetupPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [failure, setFailure] = useState<ApiError | null>(null);
  const showErrors = useFieldErrors(form);
  const mutation = useMutation({
    mutationFn: (v: Values) => setup({ login: v.login, name: v.name, password: v.password }),
    onSuccess: async () => {
      // Reset, not invalidate: what was cached while signed out (nobody, a 401 for the spec) must
      // not show for a moment after sign-in, or the guard sends the user back to the login page.
      await client.resetQueries({ queryKey: sessionKeys.all });
      navigate('/', { replace: true });
    },
    onError: (err) => {
      const apiError = err instanceof ApiError ? err : new ApiError({ status: 0, code: 'network' });
      if (apiError.code === 'setup_done') navigate('/login', { replace: true });
      else setFailure(showErrors(apiError) ? null : apiError);
    },
  });
  return (
    <AuthCard title={t('setup.title')}>
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('setup.intro')} />
      {failure ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginBottom: 16 }}
          title={failure.message}
        />
      ) : null}
      <Form<Values>
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={(v) => {
          setFailure(null);
          mutation.mutate(v);
        }}
      >
        <Form.Item
          name="name"
          label={t('setup.name')}
          rules={[{ required: true, message: t('setup.nameRequired') }]}
        >
          <Input autoComplete="name" autoFocus />
        </Form.Item>
        <Form.Item
          name="login"
          label={t('auth.login')}
          rules={[{ required: true, message: t('auth.loginRequired') }]}
        >
          <Input autoComplete="username" />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('auth.password')}
          rules={[{ required: true, message: t('auth.passwordRequired') }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('setup.confirm')}
          dependencies={['password']}
          rules={[
            { required: true, message: t('setup.confirmRequired') },
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                !value || getFieldValue('password') === value
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('setup.mismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={mutation.isPending}>
          {t('setup.submit')}
        </Button>
      </Form>
    </AuthCard>
  );
}
