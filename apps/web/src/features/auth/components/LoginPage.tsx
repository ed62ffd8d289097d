import { useEffect, useState } from 'react';
import { Alert, Button, Form, Input } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../../../lib/api/problem';
import { sessionKeys } from '../../../lib/session/keys';
import { login, setupNeeded } from '../api/auth';
import { AuthCard } from './AuthCard';
import { useFieldErrors } from './useFieldErrors';

type Values = { login: string; password: string };

/** Sign in; a first run without any user goes to the setup page instead. */
export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [failure, setFailure] = useState<ApiError | null>(null);
  const setup = useQuery({ queryKey: sessionKeys.setup(), queryFn: setupNeeded });
  useEffect(() => {
    if (setup.data) navigate('/setup', { replace: true });
  }, [setup.data, navigate]);
  const showErrors = useFieldErrors(form);
  const mutation = useMutation({
    mutationFn: login,
    onSuccess: async () => {
      // Reset, not invalidate: what was cached while signed out (nobody, a 401 for the spec) must
      // not show for a moment after sign-in, or the guard sends the user back to the login page.
      await client.resetQueries({ queryKey: sessionKeys.all });
      const next = params.get('next');
      navigate(next && next.startsWith('/') && !next.startsWith('//') ? next : '/', {
        replace: true,
      });
    },
    onError: (err) => {
      const apiError = err instanceof ApiError ? err : new ApiError({ status: 0, code: 'network' });
      setFailure(showErrors(apiError) ? null : apiError);
    },
  });
  return (
    <AuthCard title={t('auth.signIn')}>
      {failure ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginBottom: 16 }}
          title={failure.status === 0 ? t('error.network') : failure.message}
        />
      ) : null}
      <Form<Values>
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={(values) => {
          setFailure(null);
          mutation.mutate(values);
        }}
      >
        <Form.Item
          name="login"
          label={t('auth.login')}
          rules={[{ required: true, message: t('auth.loginRequired') }]}
        >
          <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('auth.password')}
          rules={[{ required: true, message: t('auth.passwordRequired') }]}
        >
          <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={mutation.isPending}>
          {t('auth.signIn')}
        </Button>
      </Form>
    </AuthCard>
  );
}
