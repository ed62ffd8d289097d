import { Alert, Descriptions, Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../../lib/i18n/useLocale';
import { SecretButton } from './SecretButton';
import { useIntakeLog, type IntakeReason, type IntakeSource } from './useIntakeHealth';

/** How many refused deliveries are listed under the last failure. */
const RECENT = 5;

/**
 * A source's live state: its endpoint, its secret (set or not; generate one), the last lead and
 * the last refused deliveries with why.
 */
export function SourceHealthView({
  source,
  header,
}: {
  source: IntakeSource | undefined;
  /** The header the sender proves itself in (named in the reasons). */
  header: string;
}) {
  const { t } = useTranslation('builder');
  const locale = useLocale();
  if (!source)
    return <Typography.Text type="secondary">{t('intake.notPublished')}</Typography.Text>;
  const h = source.health ?? {};
  const when = (at: number | null | undefined) =>
    at
      ? new Intl.DateTimeFormat(locale === 'en' ? 'en-US' : 'zh-CN', {
          dateStyle: 'medium',
          timeStyle: 'medium',
        }).format(new Date(at))
      : t('intake.never');
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
        <Descriptions.Item label={t('intake.secret.label')}>
          <Flex gap={8} align="center" wrap>
            {source.secretSet ? (
              <Tag color="green">{t('intake.secret.set')}</Tag>
            ) : (
              <Tag color="orange">{t('intake.secret.notSet')}</Tag>
            )}
            <SecretButton sourceKey={source.key} isSet={source.secretSet === true} />
          </Flex>
        </Descriptions.Item>
        <Descriptions.Item label={t('intake.lastSuccess')}>
          {when(h.lastSuccessAt)}
        </Descriptions.Item>
        <Descriptions.Item label={t('intake.lastFailure')}>
          {when(h.lastFailureAt)}{' '}
          {h.failingSinceLastSuccess ? <Tag color="red">{t('intake.failing')}</Tag> : null}
          {h.lastFailureAt ? <RecentFailures sourceKey={source.key} header={header} /> : null}
        </Descriptions.Item>
      </Descriptions>
    </>
  );
}

/** The last refused deliveries, newest first: when, and why in the builder's language. */
function RecentFailures({ sourceKey, header }: { sourceKey: string; header: string }) {
  const { t, i18n } = useTranslation('builder');
  const locale = useLocale();
  const log = useIntakeLog(sourceKey);
  const failures = (log.data?.items ?? [])
    .filter((x) => x.status === 'rejected' || x.status === 'unauthorized')
    .slice(0, RECENT);
  const time = new Intl.DateTimeFormat(locale === 'en' ? 'en-US' : 'zh-CN', {
    dateStyle: 'short',
    timeStyle: 'medium',
  });
  // A refusal of the sender (token, signature, mapping) in words; a field's own message as is.
  const why = (r: IntakeReason) =>
    r.code && i18n.exists(`intake.reasons.${r.code}`, { ns: 'builder' })
      ? t(`intake.reasons.${r.code}`, { header })
      : `${r.path ? `${r.path}: ` : ''}${r.message ?? r.code ?? ''}`;
  if (failures.length === 0) return null;
  return (
    <ul
      aria-label={t('intake.recentFailures')}
      style={{ margin: '8px 0 0', paddingInlineStart: 18 }}
    >
      {failures.map((f) => (
        <li key={f.id}>
          <Typography.Text type="secondary">{time.format(new Date(f.at))}</Typography.Text>{' '}
          <Tag>{f.httpStatus}</Tag>
          <Typography.Text type="danger">{f.reasons.map(why).join('; ')}</Typography.Text>
        </li>
      ))}
    </ul>
  );
}
