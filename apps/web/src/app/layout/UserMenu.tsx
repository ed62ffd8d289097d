import { Suspense, useState } from 'react';
import { Dropdown } from 'antd';
import { KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../lib/api/client';
import { useLabel } from '../../lib/i18n/useLabel';
import { useSignedIn } from '../../lib/session/useMe';
import { lazyPart } from '../../lib/load/lazy-part';
import { useShellNavigate } from '../../lib/router/useShellNavigate';

// Opened from the menu only: its form is not in the shell.
const ChangePasswordDialog = lazyPart(() =>
  import('../../features/auth').then((m) => m.ChangePasswordDialog),
);

/** The signed-in person, their role, and signing out. */
export function UserMenu({ compact }: { compact?: boolean }) {
  const { t } = useTranslation();
  const label = useLabel();
  const me = useSignedIn();
  const client = useQueryClient();
  const navigate = useShellNavigate();
  const name = me.user?.name ?? me.user?.login ?? t('user.api');
  const [changing, setChanging] = useState(false);
  const logout = async () => {
    await api.POST('/api/v1/auth/logout').catch(() => undefined);
    client.clear();
    navigate('/login', { replace: true });
  };
  return (
    <>
      <Dropdown
        trigger={['click']}
        menu={{
          items: [
            {
              key: 'who',
              label: `${name} · ${label(me.role.label, me.role.key ?? '')}`,
              disabled: true,
            },
            { type: 'divider' },
            // A person's own password (an API token has none).
            ...(me.user
              ? [
                  {
                    key: 'password',
                    icon: <KeyOutlined />,
                    label: t('user.changePassword'),
                    onClick: () => setChanging(true),
                  },
                ]
              : []),
            {
              key: 'logout',
              icon: <LogoutOutlined />,
              label: t('auth.logout'),
              onClick: () => void logout(),
            },
          ],
        }}
      >
        <button type="button" className="trellis-user-button" aria-label={t('user.menu')}>
          {/* A plain round badge: Ant Design's Avatar brings its group and popover into the shell. */}
          <span className="trellis-user-avatar" aria-hidden>
            <UserOutlined />
          </span>
          {compact ? null : <span className="trellis-user-name">{name}</span>}
        </button>
      </Dropdown>
      {changing ? (
        <Suspense fallback={null}>
          <ChangePasswordDialog onClose={() => setChanging(false)} />
        </Suspense>
      ) : null}
    </>
  );
}
