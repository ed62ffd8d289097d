import { Alert, List, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../lib/api/problem';

type Props = {
  /** The refused move: the target stage's label and the server's stage_gate problem. */
  refusal: { stageLabel: string; error: ApiError } | null;
  onClose: () => void;
};

/**
 * A stage move the gate refused: says exactly which condition fails (each entry of the
 * server's problem, in the user's language). Nothing was moved.
 */
export function StageMoveDialog({ refusal, onClose }: Props) {
  const { t } = useTranslation();
  return (
    <Modal
      open={refusal !== null}
      title={refusal ? t('stage.refusedTitle', { stage: refusal.stageLabel }) : ''}
      onCancel={onClose}
      onOk={onClose}
      okText={t('common.close')}
      cancelButtonProps={{ style: { display: 'none' } }}
    >
      {refusal ? (
        <>
          <Alert
            type="warning"
            showIcon
            title={refusal.error.message}
            style={{ marginBottom: 12 }}
          />
          <List
            size="small"
            dataSource={refusal.error.errors}
            renderItem={(e) => <List.Item>{e.message}</List.Item>}
          />
        </>
      ) : null}
    </Modal>
  );
}
