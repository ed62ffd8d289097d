import { useTranslation } from 'react-i18next';
import { planPublish, publishDraft } from '../draft/api';
import { useDraftStore } from '../draft/useDraft';
import { useNames } from './useNames';
import { PlanDialog } from './PlanDialog';

/** Publish the draft: saved first, then the plan, then the publish with the draft's revision. */
export function PublishDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('builder');
  const store = useDraftStore();
  const names = useNames(store.getSnapshot().spec);
  return (
    <PlanDialog
      title={t('publish.title')}
      okText={t('publish.confirm')}
      names={names}
      load={async () => {
        if (!(await store.flush())) throw new Error(t('publish.notSaved'));
        return planPublish();
      }}
      commit={(note, resolutions) =>
        publishDraft({ revision: store.getSnapshot().revision, note, resolutions })
      }
      onDone={(answer) => {
        store.published(answer.version);
        onClose();
      }}
      onClose={onClose}
    />
  );
}
