import { Alert, Descriptions, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../../lib/i18n/useLocale';
import type { IntakeSource } from './useIntakeHealth';

/** A source's live state: its endpoint, whether its secret is set, last lead, last failure. */
export function SourceHealthView({ source }: { source: IntakeSource | undefined }) {
  const { t } = useTranslation('builder');
  const locale = useLocale();
  if (!source)
    return <Typography.Text type="secondary">{t('intake.notPublished')}</Typography.Text>;
  const h = source.health ?? {};
  const when = (at: number | null | undefined) =>
    at
      ? new Intl.DateTimeFormat(locale === 'en' ? 'en-US' : 'zh-CN', {
          dateStyle: 'medium',
          timeStyle: 'short',
        }).format(new Date(at))
      : t('intake.never');
  const failing = (h.failingSinceLastSuccess ?? 0) > 0;
  return (
    <>
      {source.secretSet === false ? (
        <Alert type="warning" showIcon title={t('intake.noSecret')} style={{ marginBottom: 8 }} />
      ) : null}
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label={t('intake.endpoint')}>
          <Typography.Text copyable code>
            {`${window.location.origin}${source.endpoint}`}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('intake.lastSuccess')}>
          {when(h.lastSuccessAt)}
        </Descriptions.Item>
        <Descriptions.Item label={t('intake.lastFailure')}>
          {when(h.lastFailureAt)}{' '}
          {failing ? (
            <Tag color="red">{t('intake.failing', { count: h.failingSinceLastSuccess })}</Tag>
          ) : null}
          {(h.lastFailure?.reasons ?? []).map((r, i) => (
            <Typography.Text key={i} type="danger" style={{ display: 'block' }}>
              {r.message ?? r.code}
            </Typography.Text>
          ))}
        </Descriptions.Item>
      </Descriptions>
    </>
  );
}
