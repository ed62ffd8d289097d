import { App, Button, List, Typography } from 'antd';
import { CheckOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useNow } from '../../hooks/useNow';
import { errorText } from '../../lib/api/error-text';
import { useLocale } from '../../lib/i18n/useLocale';
import { completeTask, type Task } from '../../lib/records/api';
import { recordKeys, workKeys } from '../../lib/records/keys';

/** Tasks, overdue ones in red, each linked to its record and done in one click. */
export function TaskList({ tasks, limit }: { tasks: Task[]; limit?: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const locale = useLocale();
  const client = useQueryClient();
  const done = useMutation({
    mutationFn: completeTask,
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: workKeys.all });
      void client.invalidateQueries({ queryKey: recordKeys.all });
    },
    onError: (err) => message.error(errorText(err, t)),
  });
  const now = useNow();
  const shown = limit ? tasks.slice(0, limit) : tasks;
  return (
    <List
      size="small"
      dataSource={shown}
      locale={{ emptyText: t('tasks.empty') }}
      renderItem={(task) => {
        const overdue = task.dueAt !== null && task.dueAt < now;
        const when = task.dueAt
          ? new Intl.DateTimeFormat(locale === 'en' ? 'en-US' : 'zh-CN', {
              dateStyle: 'medium',
              timeStyle: 'short',
            }).format(new Date(task.dueAt))
          : '';
        return (
          <List.Item
            actions={[
              <Button
                key="done"
                size="small"
                icon={<CheckOutlined />}
                aria-label={t('tasks.done')}
                loading={done.isPending && done.variables === task.id}
                onClick={() => done.mutate(task.id)}
              />,
            ]}
          >
            <List.Item.Meta
              title={
                task.entity && task.recordId ? (
                  <Link to={`/records/${task.entity}/${task.recordId}`}>{task.title}</Link>
                ) : (
                  task.title
                )
              }
              description={
                when ? (
                  <Typography.Text type={overdue ? 'danger' : 'secondary'}>
                    {overdue ? `${t('tasks.overdue')} · ` : ''}
                    {when}
                  </Typography.Text>
                ) : null
              }
            />
          </List.Item>
        );
      }}
    />
  );
}
