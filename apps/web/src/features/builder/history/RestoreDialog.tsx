import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Modal } from 'antd';
import { LoadingState } from '../../../components/feedback/LoadingState';
import { builderKeys, fetchVersion, planPublish, restoreVersion } from '../draft/api';
import { PlanDialog } from '../publish/PlanDialog';
import { useNames } from '../publish/useNames';
import type { AppSpec } from '@trellis/spec';

/** Restore an earlier version: the same plan, warnings and choices as a publish. */
export function RestoreDialog({ version, onClose }: { version: number; onClose: () => void }) {
  const detail = useQuery({
    queryKey: builderKeys.version(version),
    queryFn: () => fetchVersion(version),
  });
  if (!detail.data)
    return (
      <Modal open footer={null} onCancel={onClose}>
        <LoadingState rows={4} />
      </Modal>
    );
  return <Restore version={version} spec={detail.data.spec} onClose={onClose} />;
}

function Restore({
  version,
  spec,
  onClose,
}: {
  version: number;
  spec: AppSpec;
  onClose: () => void;
}) {
  const { t } = useTranslation('builder');
  const names = useNames(spec);
  return (
    <PlanDialog
      title={t('history.restoreTitle', { version })}
      okText={t('history.restoreConfirm', { version })}
      names={names}
      load={() => planPublish(spec)}
      commit={(_note, resolutions) => restoreVersion(version, resolutions)}
      onDone={onClose}
      onClose={onClose}
    />
  );
}
