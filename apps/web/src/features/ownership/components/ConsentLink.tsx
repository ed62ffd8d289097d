import { Alert, Button, Space, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../lib/api/problem';
import { useLocale } from '../../../lib/i18n/useLocale';
import { consentLink } from '../api/ownership';

/** Makes the customer's consent link of a handover on demand and shows it to copy. */
export function ConsentLink({ handoverId }: { handoverId: string }) {
  const { t } = useTranslation('ownership');
  const locale = useLocale();
  const make = useMutation({ mutationFn: () => consentLink(handoverId) });
  if (make.data) {
    const url = `${globalThis.location.origin}${make.data.url}`;
    const until = new Intl.DateTimeFormat(locale === 'en' ? 'en-US' : 'zh-CN', {
      dateStyle: 'medium',
      timeStyle: 'short',
    }).format(new Date(make.data.expiresAt));
    return (
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text strong>{t('consent.ready', { until })}</Typography.Text>
        <Typography.Paragraph
          copyable={{ text: url, tooltips: [t('consent.copy'), t('consent.copied')] }}
          code
          style={{ wordBreak: 'break-all', marginBottom: 0 }}
          aria-label={t('consent.link')}
        >
          {url}
        </Typography.Paragraph>
      </Space>
    );
  }
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Text type="secondary">{t('consent.why')}</Typography.Text>
      <Button onClick={() => make.mutate()} loading={make.isPending}>
        {t('consent.make')}
      </Button>
      {make.error ? (
        <Alert
          type="error"
          showIcon
          message={make.error instanceof ApiError ? make.error.message : t('error.unknown')}
        />
      ) : null}
    </Space>
  );
}
