import { Badge, Button } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNotifications } from '../../../lib/work/api';
import { useShellNavigate } from '../../../lib/router/useShellNavigate';

/** The header's bell: unread notifications (live), a click to the inbox. */
export function InboxBell() {
  const { t } = useTranslation();
  const navigate = useShellNavigate();
  const notifications = useNotifications();
  const unread = notifications.data?.unread ?? 0;
  return (
    <Badge count={unread} size="small" offset={[-4, 4]}>
      <Button
        type="text"
        icon={<BellOutlined />}
        aria-label={`${t('nav.inbox')}${unread ? ` (${t('inbox.unread')} ${unread})` : ''}`}
        onClick={() => navigate('/inbox')}
      />
    </Badge>
  );
}
