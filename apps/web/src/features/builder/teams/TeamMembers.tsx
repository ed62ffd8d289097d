import { App, Button, Flex, List, Select, Tag, Typography } from 'antd';
import { CloseOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { request } from '../../../lib/api/client';
import { sessionKeys } from '../../../lib/session/keys';
import { useUsers } from '../../../lib/session/useUsers';
import { useLabel } from '../../../lib/i18n/useLabel';
import { useDraft } from '../draft/useDraft';

/**
 * The people of a published team and each one's supervisor. Membership is stored on people
 * (not in the spec), so adding or removing a member takes effect at once, without publishing;
 * it needs the right to manage users.
 */
export function TeamMembers({ teamKey }: { teamKey: string }) {
  const { t } = useTranslation('builder');
  const { message } = App.useApp();
  const users = useUsers();
  const label = useLabel();
  const roles = useDraft((s) => s.spec.roles);
  // A role by its name (the admin role is not in the spec: its key is its name).
  const roleName = (key: string) => {
    const role = roles?.find((r) => r.key === key);
    return role ? label(role.label, key) : key;
  };
  const client = useQueryClient();
  const save = useMutation({
    mutationFn: ({
      id,
      ...patch
    }: {
      id: string;
      teams?: string[];
      supervisorId?: string | null;
    }) => request('PATCH', `/api/v1/users/${id}`, patch),
    onSuccess: () => void client.invalidateQueries({ queryKey: sessionKeys.users() }),
    onError: (e) => void message.error((e as Error).message),
  });
  const all = users.data ?? [];
  const members = all.filter((u) => u.teams.includes(teamKey));
  const others = all.filter((u) => !u.teams.includes(teamKey) && u.status !== 'disabled');
  return (
    <div>
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
        {t('teams.membersHelp')}
      </Typography.Paragraph>
      <List
        size="small"
        loading={users.isPending}
        dataSource={members}
        locale={{ emptyText: t('teams.noMembers') }}
        renderItem={(u) => (
          <List.Item
            actions={[
              <Button
                key="remove"
                type="text"
                size="small"
                icon={<CloseOutlined />}
                aria-label={t('teams.removeMember', { name: u.name })}
                loading={save.isPending}
                onClick={() =>
                  save.mutate({ id: u.id, teams: u.teams.filter((x) => x !== teamKey) })
                }
              />,
            ]}
          >
            <Flex gap={8} align="center" wrap style={{ width: '100%' }}>
              <Typography.Text style={{ minWidth: 96 }}>{u.name}</Typography.Text>
              <Tag>{roleName(u.role)}</Tag>
              <Select
                size="small"
                allowClear
                showSearch
                optionFilterProp="label"
                aria-label={t('teams.supervisorOf', { name: u.name })}
                placeholder={t('teams.noSupervisor')}
                value={u.supervisorId ?? null}
                style={{ flex: '1 1 160px', maxWidth: 240 }}
                options={all
                  .filter((x) => x.id !== u.id && x.status !== 'disabled')
                  .map((x) => ({ value: x.id, label: x.name }))}
                labelRender={({ label }) => t('teams.supervisor', { name: label })}
                onChange={(id: string | undefined) =>
                  save.mutate({ id: u.id, supervisorId: id ?? null })
                }
              />
            </Flex>
          </List.Item>
        )}
      />
      <Select
        aria-label={t('teams.addMember')}
        placeholder={t('teams.addMember')}
        showSearch
        optionFilterProp="label"
        value={null}
        style={{ width: '100%', maxWidth: 320, marginTop: 8 }}
        options={others.map((u) => ({ value: u.id, label: `${u.name} (${u.login})` }))}
        onChange={(id: string) => {
          const u = all.find((x) => x.id === id);
          if (u) save.mutate({ id, teams: [...u.teams, teamKey] });
        }}
      />
    </div>
  );
}
