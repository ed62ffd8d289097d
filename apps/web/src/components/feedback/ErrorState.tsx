import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../lib/api/error-text';
import { ApiError } from '../../lib/api/problem';

/** What failed, in the server's words when it said any, and a way to try again. */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const apiError = error instanceof ApiError ? error : null;
  const detail = errorText(error, t);
  return (
    <Result
      status={apiError?.status === 404 ? '404' : 'warning'}
      title={apiError?.status === 404 ? t('error.notFoundTitle') : t('error.loadFailed')}
      subTitle={detail}
      extra={
        onRetry ? (
          <Button type="primary" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : null
      }
    />
  );
}
