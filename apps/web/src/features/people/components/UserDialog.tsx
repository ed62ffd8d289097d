import { useState } from 'react';
import { Alert, App, Button, Form, Input, Modal, Popconfirm, Select, Space } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../lib/api/problem';
import type { User } from '../../../lib/session/types';
import { createUser, updateUser, type UserInput } from '../api/people';
import { useNames, usePeople, useRefreshPeople } from '../hooks';
import { temporaryPassword } from '../temp-password';
import { PasswordNotice } from './PasswordNotice';

type Values = {
  name: string;
  login: string;
  password: string;
  role?: string;
  teams: string[];
  supervisorId?: string | null;
  email?: string;
  phone?: string;
};

const FIELDS = ['name', 'login', 'password', 'role', 'teams', 'supervisorId', 'email', 'phone'];

/**
 * Creates a person with a temporary password, or changes one's name, role, teams, supervisor
 * and contact details (and resets the password). The server's errors go under their fields.
 */
export function UserDialog({ user, onClose }: { user: User | null; onClose: () => void }) {
  const { t } = useTranslation('people');
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const names = useNames();
  const { users } = usePeople();
  const refresh = useRefreshPeople();
  const [shown, setShown] = useState<{
    login: string;
    name: string;
    password: string;
    reset: boolean;
  } | null>(null);
  const [unplaced, setUnplaced] = useState<string | null>(null);
  const onError = (e: unknown) => {
    if (!(e instanceof ApiError)) return setUnplaced((e as Error).message);
    // `/teams/1` belongs under the teams field.
    const placed = e.errors.filter((x) => FIELDS.includes(x.path.slice(1).split('/')[0]!));
    const byField = new Map<string, string[]>();
    for (const x of placed) {
      const name = x.path.slice(1).split('/')[0]!;
      byField.set(name, [...(byField.get(name) ?? []), x.message]);
    }
    form.setFields([...byField].map(([name, errors]) => ({ name: name as keyof Values, errors })));
    setUnplaced(placed.length === e.errors.length && placed.length > 0 ? null : e.message);
  };
  const save = useMutation({
    mutationFn: (v: Values) => {
      const common: UserInput = {
        name: v.name.trim(),
        ...(v.role ? { role: v.role } : {}),
        teams: v.teams ?? [],
        supervisorId: v.supervisorId ?? null,
        ...(v.email?.trim() ? { email: v.email.trim() } : {}),
        ...(v.phone?.trim() ? { phone: v.phone.trim() } : {}),
      };
      return user
        ? updateUser(user.id, common)
        : createUser({ ...common, login: v.login.trim(), password: v.password });
    },
    onMutate: () => setUnplaced(null),
    onSuccess: (saved, v) => {
      void refresh();
      if (user) {
        message.success(t('form.saved', { name: saved.name }));
        onClose();
      } else setShown({ login: saved.login, name: saved.name, password: v.password, reset: false });
    },
    onError,
  });
  const reset = useMutation({
    mutationFn: async () => {
      const password = temporaryPassword();
      await updateUser(user!.id, { password });
      return password;
    },
    onSuccess: (password) =>
      setShown({ login: user!.login, name: user!.name, password, reset: true }),
    onError,
  });
  if (shown) return <PasswordNotice {...shown} onClose={onClose} />;
  const others = (users.data ?? []).filter((u) => u.id !== user?.id && u.status !== 'disabled');
  return (
    <Modal
      open
      title={user ? t('form.editTitle', { name: user.name }) : t('form.createTitle')}
      onCancel={onClose}
      okText={user ? t('form.save') : t('form.create')}
      cancelText={t('form.cancel')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        aria-label={user ? t('form.editTitle', { name: user.name }) : t('form.createTitle')}
        initialValues={{
          name: user?.name ?? '',
          login: user?.login ?? '',
          password: user ? '' : temporaryPassword(),
          role: user?.role,
          teams: user?.teams ?? [],
          supervisorId: user?.supervisorId ?? null,
          email: user?.email ?? '',
          phone: user?.phone ?? '',
        }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="name" label={t('form.name')}>
          <Input maxLength={100} placeholder={t('form.namePlaceholder')} />
        </Form.Item>
        {user ? null : (
          <>
            <Form.Item name="login" label={t('form.login')} extra={t('form.loginHint')}>
              <Input maxLength={64} autoComplete="off" />
            </Form.Item>
            <Form.Item label={t('form.password')} extra={t('form.passwordHint')} required>
              <Space.Compact style={{ width: '100%' }}>
                <Form.Item name="password" noStyle>
                  <Input autoComplete="new-password" aria-label={t('form.password')} />
                </Form.Item>
                <Button
                  icon={<ReloadOutlined />}
                  aria-label={t('form.newPassword')}
                  title={t('form.newPassword')}
                  onClick={() => form.setFieldValue('password', temporaryPassword())}
                />
              </Space.Compact>
            </Form.Item>
          </>
        )}
        <Form.Item name="role" label={t('form.role')} required>
          <Select options={names.roleOptions} placeholder={t('form.roleRequired')} />
        </Form.Item>
        <Form.Item name="teams" label={t('form.teams')}>
          <Select mode="multiple" options={names.teamOptions} optionFilterProp="label" />
        </Form.Item>
        <Form.Item name="supervisorId" label={t('form.supervisor')}>
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder={t('form.noSupervisor')}
            options={others.map((u) => ({ value: u.id, label: `${u.name} (${u.login})` }))}
          />
        </Form.Item>
        <Form.Item name="email" label={t('form.email')}>
          <Input maxLength={200} type="email" />
        </Form.Item>
        <Form.Item name="phone" label={t('form.phone')}>
          <Input maxLength={40} type="tel" />
        </Form.Item>
        {user ? (
          <Popconfirm
            title={t('form.resetConfirm', { name: user.name })}
            okText={t('form.resetPassword')}
            cancelText={t('form.cancel')}
            onConfirm={() => reset.mutate()}
          >
            <Button loading={reset.isPending}>{t('form.resetPassword')}</Button>
          </Popconfirm>
        ) : null}
        {unplaced ? (
          <Alert type="error" showIcon title={unplaced} style={{ marginTop: 12 }} />
        ) : null}
      </Form>
    </Modal>
  );
}
