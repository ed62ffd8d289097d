import { useState } from 'react';
import { App, Button, Modal, Typography } from 'antd';
import { KeyOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { request } from '../../../lib/api/client';
import { intakeKeys } from './useIntakeHealth';

type Answer = { source: string; auth: 'token' | 'hmac'; header: string; secret: string };

/**
 * Generates the secret of a published webhook source and shows it once, with the header the
 * sender puts it in (a token as is, an HMAC signature of the body made with it). Until now
 * only the CLI could set it, which an operations person running the builder may not have.
 */
export function SecretButton({ sourceKey, isSet }: { sourceKey: string; isSet: boolean }) {
  const { t } = useTranslation('builder');
  const { modal, message } = App.useApp();
  const client = useQueryClient();
  const [shown, setShown] = useState<Answer | null>(null);
  const generate = useMutation({
    mutationFn: () =>
      request<Answer>('PUT', `/api/v1/intake/webhooks/${encodeURIComponent(sourceKey)}/secret`, {}),
    onSuccess: (answer) => {
      setShown(answer);
      void client.invalidateQueries({ queryKey: intakeKeys.sources });
    },
    onError: (e) => void message.error((e as Error).message),
  });
  const ask = () =>
    isSet
      ? modal.confirm({
          title: t('intake.secret.replaceTitle'),
          content: t('intake.secret.replaceText'),
          okText: t('intake.secret.replace'),
          okButtonProps: { danger: true },
          onOk: () => generate.mutate(),
        })
      : generate.mutate();
  return (
    <>
      <Button size="small" icon={<KeyOutlined />} loading={generate.isPending} onClick={ask}>
        {isSet ? t('intake.secret.replace') : t('intake.secret.generate')}
      </Button>
      <Modal
        open={shown !== null}
        title={t('intake.secret.shownTitle')}
        onCancel={() => setShown(null)}
        footer={
          <Button type="primary" onClick={() => setShown(null)}>
            {t('intake.secret.done')}
          </Button>
        }
      >
        {shown ? (
          <>
            <Typography.Paragraph>
              {t(shown.auth === 'hmac' ? 'intake.secret.hmacText' : 'intake.secret.tokenText', {
                header: shown.header,
              })}
            </Typography.Paragraph>
            <Typography.Paragraph
              copyable
              code
              aria-label={t('intake.secret.value')}
              style={{ wordBreak: 'break-all' }}
            >
              {shown.secret}
            </Typography.Paragraph>
            <Typography.Text type="warning">{t('intake.secret.once')}</Typography.Text>
          </>
        ) : null}
      </Modal>
    </>
  );
}
