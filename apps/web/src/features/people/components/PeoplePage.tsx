import { Button, Result, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useSignedIn } from '../../../lib/session/useMe';
import { TeamsTab } from './TeamsTab';
import { UsersTab } from './UsersTab';

/**
 * `/people` and `/people/teams` (capability `manageUsers`): the workspace owner's page for
 * people and their teams. Someone without the right who types the address is told so; the API
 * refuses their changes the same way (403).
 */
export function PeoplePage() {
  const { t } = useTranslation('people');
  const me = useSignedIn();
  const navigate = useNavigate();
  const tab = useParams().tab === 'teams' ? 'teams' : 'users';
  if (!me.capabilities.includes('manageUsers'))
    return (
      <Result
        status="403"
        title={t('noAccess')}
        subTitle={t('noAccessText')}
        extra={
          <Link to="/">
            <Button type="primary">{t('nav.home')}</Button>
          </Link>
        }
      />
    );
  return (
    <div>
      <div className="trellis-page-title">
        <Typography.Title level={3}>{t('title')}</Typography.Title>
      </div>
      <Typography.Paragraph type="secondary">{t('intro')}</Typography.Paragraph>
      <Tabs
        activeKey={tab}
        onChange={(key) => navigate(key === 'teams' ? '/people/teams' : '/people')}
        items={[
          { key: 'users', label: t('tabs.users'), children: <UsersTab /> },
          { key: 'teams', label: t('tabs.teams'), children: <TeamsTab /> },
        ]}
      />
    </div>
  );
}
