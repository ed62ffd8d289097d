import { useMemo, useState } from 'react';
import { Button, Input, Segmented, Select, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { QueryBoundary } from '../../../components/feedback/QueryBoundary';
import { useIsPhone } from '../../../hooks/useIsPhone';
import type { User } from '../../../lib/session/types';
import { useNames, usePeople } from '../hooks';
import { matchesUser, type StatusFilter } from '../user-filter';
import { DeactivateDialog } from './DeactivateDialog';
import { UserDialog } from './UserDialog';
import { UserList } from './UserList';

/** The users: search, role, team and status filters, and the dialogs that change them. */
export function UsersTab() {
  const { t } = useTranslation('people');
  const phone = useIsPhone();
  const { users } = usePeople();
  const names = useNames();
  const [q, setQ] = useState('');
  const [role, setRole] = useState<string | null>(null);
  const [team, setTeam] = useState<string | null>(null);
  const [status, setStatus] = useState<StatusFilter>('active');
  const [editing, setEditing] = useState<User | 'new' | null>(null);
  const [leaving, setLeaving] = useState<User | null>(null);
  const shown = useMemo(
    () => (users.data ?? []).filter((u) => matchesUser(u, { q, role, team, status })),
    [users.data, q, role, team, status],
  );
  const wide = { width: phone ? '100%' : undefined };
  return (
    <div>
      <div className="trellis-toolbar">
        <Input.Search
          aria-label={t('filters.search')}
          placeholder={t('filters.searchPlaceholder')}
          allowClear
          value={q}
          onChange={(e) => setQ(e.target.value)}
          style={{ width: phone ? '100%' : 260 }}
        />
        <Select
          aria-label={t('filters.role')}
          allowClear
          placeholder={t('filters.anyRole')}
          value={role}
          onChange={(v?: string) => setRole(v ?? null)}
          options={names.roleOptions}
          style={{ minWidth: 140, ...wide }}
        />
        <Select
          aria-label={t('filters.team')}
          allowClear
          placeholder={t('filters.anyTeam')}
          value={team}
          onChange={(v?: string) => setTeam(v ?? null)}
          options={[{ value: '', label: t('noTeam') }, ...names.teamOptions]}
          style={{ minWidth: 140, ...wide }}
        />
        <Segmented<StatusFilter>
          aria-label={t('filters.status')}
          value={status}
          onChange={setStatus}
          options={[
            { value: 'active', label: t('filters.active') },
            { value: 'inactive', label: t('filters.inactive') },
            { value: 'all', label: t('filters.all') },
          ]}
        />
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
          {t('actions.new')}
        </Button>
        <Typography.Text type="secondary" aria-live="polite">
          {users.data ? t('count', { count: shown.length }) : null}
        </Typography.Text>
      </div>
      <QueryBoundary query={users} rows={6}>
        {() => <UserList users={shown} onEdit={setEditing} onLeave={setLeaving} />}
      </QueryBoundary>
      {editing ? (
        <UserDialog user={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      ) : null}
      {leaving ? <DeactivateDialog user={leaving} onClose={() => setLeaving(null)} /> : null}
    </div>
  );
}
