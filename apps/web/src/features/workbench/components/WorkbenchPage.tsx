import { Card, Col, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { WorkbenchItemSpec } from '@trellis/spec';
import { useNow } from '../../../hooks/useNow';
import { TaskList } from '../../../components/work/TaskList';
import { NotificationList } from '../../../components/work/NotificationList';
import { QueryBoundary } from '../../../components/feedback/QueryBoundary';
import { useLabel } from '../../../lib/i18n/useLabel';
import type { View } from '../../../lib/records/types';
import { useSignedIn } from '../../../lib/session/useMe';
import { entityOf, useLiveSpec } from '../../../lib/session/useSpec';
import { useMyTasks, useNotifications } from '../../../lib/work/api';
import { useWorkbenchViews } from '../hooks/useWorkbenchViews';
import { DashboardPanel } from './DashboardPanel';
import { HandoversTile } from './HandoversTile';
import { ViewPanel } from './ViewPanel';

/** The role's home page: the panels of `roles[].workbench`, in order — only what it needs. */
export function WorkbenchPage() {
  const { t } = useTranslation();
  const me = useSignedIn();
  const items = me.role.workbench ?? [{ type: 'tasks' }, { type: 'notifications' }];
  const views = useWorkbenchViews();
  return (
    <div>
      <div className="trellis-page-title">
        <Typography.Title level={3}>
          {t('workbench.greeting', { name: me.user?.name ?? me.user?.login ?? '' })}
        </Typography.Title>
      </div>
      <HandoversTile />
      <QueryBoundary query={views} rows={6}>
        {(all) => (
          <Row gutter={[16, 16]}>
            {items.map((item, i) => (
              <Col key={i} xs={24} xl={12}>
                <Panel item={item} views={all} />
              </Col>
            ))}
          </Row>
        )}
      </QueryBoundary>
    </div>
  );
}

function Panel({ item, views }: { item: WorkbenchItemSpec; views: View[] }) {
  const { t } = useTranslation();
  const label = useLabel();
  const title = item.title ? label(item.title) : undefined;
  if (item.type === 'view') {
    const view = views.find((v) => v.key === item.ref);
    return view ? <ViewPanel view={view} {...(title ? { title } : {})} /> : null;
  }
  if (item.type === 'pool') {
    const view = views.find((v) => v.entity === item.entity && /pool/.test(v.key));
    return view ? <ViewPanel view={view} title={title ?? t('workbench.poolTitle')} /> : null;
  }
  if (item.type === 'records') return <RecordsPanel entity={item.entity} title={title} />;
  if (item.type === 'tasks') return <TasksPanel title={title ?? t('workbench.tasksTitle')} />;
  if (item.type === 'notifications')
    return <NotificationsPanel title={title ?? t('workbench.notificationsTitle')} />;
  if (item.type === 'dashboard')
    return <DashboardPanel dashboardKey={item.ref} {...(title ? { title } : {})} />;
  return null;
}

/**
 * My records of an entity: its whole list narrowed to the records I own (all I may see when its
 * records have no owner), newest first — a role's default home shows one per entity it sees.
 */
function RecordsPanel({ entity: key, title }: { entity: string; title: string | undefined }) {
  const { t } = useTranslation();
  const label = useLabel();
  const me = useSignedIn();
  const entity = entityOf(useLiveSpec(), key);
  const rights = me.entities[key];
  if (!entity || !rights || rights.read === 'none') return null;
  const mine = entity.owned !== false ? me.user?.id : undefined;
  const name = label(entity.label, entity.key);
  const view: View = {
    key: `@${key}`,
    kind: 'spec',
    entity: key,
    label: entity.label,
    type: 'list',
  };
  return (
    <ViewPanel
      view={view}
      title={
        title ?? t(mine ? 'workbench.recordsMine' : 'workbench.recordsNewest', { entity: name })
      }
      params={mine ? { filter: { '==': [{ var: 'ownerId' }, mine] } } : {}}
    />
  );
}

function TasksPanel({ title }: { title: string }) {
  const { t } = useTranslation();
  const tasks = useMyTasks();
  const now = useNow();
  const overdue = (tasks.data ?? []).filter((x) => x.dueAt !== null && x.dueAt < now).length;
  return (
    <Card
      size="small"
      title={title}
      extra={
        <Link to="/inbox">
          {overdue > 0 ? (
            <Typography.Text type="danger">{`${t('tasks.overdue')} ${overdue} · `}</Typography.Text>
          ) : null}
          {t('workbench.more')}
        </Link>
      }
    >
      <QueryBoundary query={tasks} rows={3}>
        {(list) => <TaskList tasks={list} limit={6} />}
      </QueryBoundary>
    </Card>
  );
}

function NotificationsPanel({ title }: { title: string }) {
  const notifications = useNotifications();
  return (
    <Card size="small" title={title}>
      <QueryBoundary query={notifications} rows={3}>
        {(data) => <NotificationList items={data.items.filter((n) => !n.readAt).slice(0, 6)} />}
      </QueryBoundary>
    </Card>
  );
}
