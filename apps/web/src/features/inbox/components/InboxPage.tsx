import { Badge, Button, Card, Col, Row, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { QueryBoundary } from '../../../components/feedback/QueryBoundary';
import { NotificationList } from '../../../components/work/NotificationList';
import { TaskList } from '../../../components/work/TaskList';
import { workKeys } from '../../../lib/records/keys';
import { markRead, useMyTasks, useNotifications } from '../../../lib/work/api';

/** `/inbox`: my open tasks, overdue first, and my notifications (live). */
export function InboxPage() {
  const { t } = useTranslation();
  const tasks = useMyTasks();
  const notifications = useNotifications();
  const client = useQueryClient();
  const readAll = useMutation({
    mutationFn: () => markRead('all'),
    onSuccess: () => void client.invalidateQueries({ queryKey: workKeys.notifications() }),
  });
  return (
    <div>
      <div className="trellis-page-title">
        <Typography.Title level={3}>{t('inbox.title')}</Typography.Title>
      </div>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('tasks.mine')}>
            <QueryBoundary query={tasks} rows={4}>
              {(list) => <TaskList tasks={list} />}
            </QueryBoundary>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card
            size="small"
            title={
              <span>
                {t('inbox.notifications')} <Badge count={notifications.data?.unread ?? 0} />
              </span>
            }
            extra={
              (notifications.data?.unread ?? 0) > 0 ? (
                <Button size="small" type="link" onClick={() => readAll.mutate()}>
                  {t('inbox.markAll')}
                </Button>
              ) : null
            }
          >
            <QueryBoundary query={notifications} rows={4}>
              {(data) => <NotificationList items={data.items} />}
            </QueryBoundary>
          </Card>
        </Col>
      </Row>
    </div>
  );
}
