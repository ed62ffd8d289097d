import { List, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useLocale } from '../../lib/i18n/useLocale';
import { workKeys } from '../../lib/records/keys';
import { markRead, type Notification } from '../../lib/work/api';

/** Notifications, unread ones bold; opening one marks it read. */
export function NotificationList({ items }: { items: Notification[] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const client = useQueryClient();
  const read = useMutation({
    mutationFn: markRead,
    onSuccess: () => void client.invalidateQueries({ queryKey: workKeys.notifications() }),
  });
  return (
    <List
      size="small"
      dataSource={items}
      locale={{ emptyText: t('inbox.none') }}
      renderItem={(n) => {
        const title = <Typography.Text strong={!n.readAt}>{n.title}</Typography.Text>;
        return (
          <List.Item onClick={() => (n.readAt ? undefined : read.mutate(n.id))}>
            <List.Item.Meta
              title={
                n.entity && n.recordId ? (
                  <Link to={`/records/${n.entity}/${n.recordId}`}>{title}</Link>
                ) : (
                  title
                )
              }
              description={
                <>
                  {/* A digest's body is lines: a widget per paragraph, a row per line. */}
                  {n.body ? (
                    <div className="trellis-notification-body" style={{ whiteSpace: 'pre-line' }}>
                      {n.body}
                    </div>
                  ) : null}
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {new Intl.DateTimeFormat(locale === 'en' ? 'en-US' : 'zh-CN', {
                      dateStyle: 'medium',
                      timeStyle: 'short',
                    }).format(new Date(n.createdAt))}
                  </Typography.Text>
                </>
              }
            />
          </List.Item>
        );
      }}
    />
  );
}
