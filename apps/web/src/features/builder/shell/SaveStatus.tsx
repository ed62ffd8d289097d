import { Button, Space, Typography } from 'antd';
import {
  CheckCircleOutlined,
  CloudSyncOutlined,
  ExclamationCircleOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useDraft, useDraftStore } from '../draft/useDraft';

/** "All changes saved" / "Saving…" / "Not saved" with a retry, announced to screen readers. */
export function SaveStatus() {
  const { t } = useTranslation('builder');
  const store = useDraftStore();
  const save = useDraft((s) => s.save);
  const icon =
    save === 'saved' ? (
      <CheckCircleOutlined />
    ) : save === 'error' || save === 'conflict' ? (
      <ExclamationCircleOutlined />
    ) : (
      <CloudSyncOutlined />
    );
  return (
    <Space size={4} role="status" aria-live="polite" data-testid="builder-save-status">
      <Typography.Text
        type={save === 'error' || save === 'conflict' ? 'danger' : 'secondary'}
        style={{ whiteSpace: 'nowrap' }}
      >
        {icon} {t(`save.${save}`)}
      </Typography.Text>
      {save === 'error' ? (
        <Button size="small" type="link" onClick={() => void store.flush()}>
          {t('save.retry')}
        </Button>
      ) : null}
    </Space>
  );
}
