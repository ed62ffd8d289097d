import { App, Button, List, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../../components/feedback/EmptyState';
import { useIsPhone } from '../../../hooks/useIsPhone';
import { useSignedIn } from '../../../lib/session/useMe';
import type { User } from '../../../lib/session/types';
import { updateUser } from '../api/people';
import { useNames, usePeople, useRefreshPeople } from '../hooks';

const STATUS_COLOR: Record<string, string> = { active: 'green', away: 'gold', disabled: 'default' };

type Props = {
  users: User[];
  onEdit: (u: User) => void;
  onLeave: (u: User) => void;
};

/** The filtered users: a table on a desktop, one card per person on a phone. */
export function UserList({ users, onEdit, onLeave }: Props) {
  const { t } = useTranslation('people');
  const phone = useIsPhone();
  const { message } = App.useApp();
  const { byId } = usePeople();
  const me = useSignedIn();
  const names = useNames();
  const refresh = useRefreshPeople();
  // Reactivate, set away and back: one status change each, said in a toast.
  const setStatus = useMutation({
    mutationFn: ({ user, status }: { user: User; status: 'active' | 'away' }) =>
      updateUser(user.id, { status }),
    onSuccess: (u, { user }) => {
      void refresh();
      const done =
        user.status === 'disabled' ? 'reactivated' : u.status === 'away' ? 'awaySet' : 'backDone';
      message.success(t(`actions.${done}`, { name: u.name }));
    },
    onError: (e) => void message.error((e as Error).message),
  });
  const pending = (u: User) => setStatus.isPending && setStatus.variables?.user.id === u.id;
  const supervisor = (u: User) =>
    u.supervisorId ? (byId.get(u.supervisorId)?.name ?? u.supervisorId) : t('nobody');
  const status = (u: User) => (
    <Tag color={STATUS_COLOR[u.status] ?? 'default'}>{t(`status.${u.status}`)}</Tag>
  );
  const teams = (u: User) =>
    u.teams.length === 0 ? (
      <Typography.Text type="secondary">{t('noTeam')}</Typography.Text>
    ) : (
      <Space size={[4, 4]} wrap>
        {u.teams.map((k) => (
          <Tag key={k}>{names.teamName(k)}</Tag>
        ))}
      </Space>
    );
  const actions = (u: User) => (
    <Space size={4} wrap>
      <Button
        size="small"
        aria-label={t('actions.editOf', { name: u.name })}
        onClick={() => onEdit(u)}
      >
        {t('actions.edit')}
      </Button>
      {u.status === 'active' ? (
        <Popconfirm
          title={t('away.confirm', { name: u.name })}
          description={<div style={{ maxWidth: 300 }}>{t('away.means')}</div>}
          okText={t('actions.setAway')}
          cancelText={t('away.cancel')}
          onConfirm={() => setStatus.mutate({ user: u, status: 'away' })}
        >
          <Button
            size="small"
            aria-label={t('actions.setAwayOf', { name: u.name })}
            loading={pending(u)}
          >
            {t('actions.setAway')}
          </Button>
        </Popconfirm>
      ) : u.status === 'away' ? (
        <Button
          size="small"
          aria-label={t('actions.backOf', { name: u.name })}
          loading={pending(u)}
          onClick={() => setStatus.mutate({ user: u, status: 'active' })}
        >
          {t('actions.back')}
        </Button>
      ) : null}
      {/* Nobody deactivates themselves here: they would be signed out with no one to undo it. */}
      {u.id === me.user?.id ? null : u.status === 'disabled' ? (
        <Button
          size="small"
          aria-label={t('actions.reactivateOf', { name: u.name })}
          loading={pending(u)}
          onClick={() => setStatus.mutate({ user: u, status: 'active' })}
        >
          {t('actions.reactivate')}
        </Button>
      ) : (
        <Button
          size="small"
          danger
          aria-label={t('actions.deactivateOf', { name: u.name })}
          onClick={() => onLeave(u)}
        >
          {t('actions.deactivate')}
        </Button>
      )}
    </Space>
  );
  if (users.length === 0) return <EmptyState description={t('none')} />;
  if (phone)
    return (
      <List
        dataSource={users}
        rowKey="id"
        renderItem={(u) => (
          <List.Item className="trellis-person-card" aria-label={u.name}>
            <Space direction="vertical" size={4} style={{ width: '100%' }}>
              <Space size={8} wrap>
                <Typography.Text strong>{u.name}</Typography.Text>
                <Typography.Text type="secondary">{u.login}</Typography.Text>
                {status(u)}
              </Space>
              <Typography.Text>
                {names.roleName(u.role)} · {t('columns.supervisor')}: {supervisor(u)}
              </Typography.Text>
              {teams(u)}
              {actions(u)}
            </Space>
          </List.Item>
        )}
      />
    );
  return (
    <Table<User>
      size="middle"
      rowKey="id"
      dataSource={users}
      pagination={{ pageSize: 50, hideOnSinglePage: true }}
      scroll={{ x: 'max-content' }}
      columns={[
        {
          key: 'name',
          title: t('columns.name'),
          render: (_, u) => (
            <Space direction="vertical" size={0}>
              <Typography.Text strong>{u.name}</Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {[u.login, u.email, u.phone].filter(Boolean).join(' · ')}
              </Typography.Text>
            </Space>
          ),
        },
        { key: 'role', title: t('columns.role'), render: (_, u) => names.roleName(u.role) },
        { key: 'teams', title: t('columns.teams'), render: (_, u) => teams(u) },
        { key: 'supervisor', title: t('columns.supervisor'), render: (_, u) => supervisor(u) },
        { key: 'status', title: t('columns.status'), render: (_, u) => status(u) },
        { key: 'actions', title: t('columns.actions'), render: (_, u) => actions(u) },
      ]}
    />
  );
}
