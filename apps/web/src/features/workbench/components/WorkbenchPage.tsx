import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSignedIn } from '../../../lib/session/useMe';

/** The role's home page: the panels of `roles[].workbench`, in order. */
export function WorkbenchPage() {
  const { t } = useTranslation();
  const me = useSignedIn();
  return (
    <div>
      <Typography.Title level={3}>
        {t('workbench.greeting', { name: me.user?.name ?? me.user?.login ?? '' })}
      </Typography.Title>
    </div>
  );
}
