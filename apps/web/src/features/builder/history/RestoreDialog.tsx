import { useRef } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Modal } from 'antd';
import { LoadingState } from '../../../components/feedback/LoadingState';
import { useLocale } from '../../../lib/i18n/useLocale';
import { builderKeys, fetchLive, fetchVersion, planPublish, restoreVersion } from '../draft/api';
import { useDraftStore } from '../draft/useDraft';
import { PlanDialog } from '../publish/PlanDialog';
import { useNames } from '../publish/useNames';
import type { AppSpec } from '@trellis/spec';
import { followRestore } from './follow-restore';

/**
 * Restore an earlier version: the same plan, warnings and choices as a publish; then the draft
 * follows the restored spec unless it holds unpublished work (see followRestore).
 */
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
  const store = useDraftStore();
  const locale = useLocale();
  // The spec live just before the restore: a draft equal to it has no work of its own.
  const before = useRef<AppSpec | null>(null);
  return (
    <PlanDialog
      title={t('history.restoreTitle', { version })}
      okText={t('history.restoreConfirm', { version })}
      names={names}
      load={() => planPublish(spec)}
      commit={async (_note, resolutions) => {
        before.current = (await fetchLive()).spec;
        return restoreVersion(version, resolutions);
      }}
      onDone={() => {
        void followRestore(store, before.current, locale)
          .catch(() => false)
          .finally(onClose);
      }}
      onClose={onClose}
    />
  );
}
