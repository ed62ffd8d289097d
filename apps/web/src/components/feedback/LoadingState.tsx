import { Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';

/** A placeholder shaped like the content that is on its way. */
export function LoadingState({ rows = 4 }: { rows?: number }) {
  const { t } = useTranslation();
  return (
    <div role="status" aria-label={t('common.loading')} style={{ padding: 16 }}>
      <Skeleton active paragraph={{ rows }} />
    </div>
  );
}
