import { Button, Descriptions, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useIsPhone } from '../../../hooks/useIsPhone';

/** The login and temporary password of a new (or reset) person, shown once, to copy. */
export function PasswordNotice({
  login,
  name,
  password,
  reset,
  onClose,
}: {
  login: string;
  name: string;
  password: string;
  reset: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation('people');
  // Label above value on a phone: beside it, the password broke over two lines.
  const phone = useIsPhone();
  return (
    <Modal
      open
      title={reset ? t('created.resetTitle', { name }) : t('created.title', { name })}
      onCancel={onClose}
      footer={
        <Button type="primary" onClick={onClose}>
          {t('created.done')}
        </Button>
      }
    >
      <Typography.Paragraph>{t('created.text', { name })}</Typography.Paragraph>
      <Descriptions column={1} size="small" bordered layout={phone ? 'vertical' : 'horizontal'}>
        <Descriptions.Item label={t('created.login')}>
          <Typography.Text copyable code>
            {login}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('created.password')}>
          <Typography.Text copyable code className="trellis-temp-password">
            {password}
          </Typography.Text>
        </Descriptions.Item>
      </Descriptions>
    </Modal>
  );
}
