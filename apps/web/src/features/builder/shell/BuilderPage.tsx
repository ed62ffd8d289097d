import { useQuery } from '@tanstack/react-query';
import { Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { QueryBoundary } from '../../../components/feedback/QueryBoundary';
import { useLocale } from '../../../lib/i18n/useLocale';
import { useSignedIn } from '../../../lib/session/useMe';
import { builderKeys, fetchDraft, fetchLive } from '../draft/api';
import { DraftProvider } from '../draft/DraftProvider';
import { editableSpec, emptySpec } from '../draft/skeleton';
import { BuilderLayout } from './BuilderLayout';

/**
 * /builder/*: loads the server's draft (or starts one from the live spec, or from nothing in an
 * empty workspace) and renders the builder around it. Only for people with the `build` right.
 */
export function BuilderPage() {
  const { t } = useTranslation('builder');
  const me = useSignedIn();
  const locale = useLocale();
  const allowed = me.capabilities.includes('build');
  const session = useQuery({
    queryKey: builderKeys.session(),
    enabled: allowed,
    // The draft store owns the draft from here on; never refetch it underneath.
    staleTime: Infinity,
    gcTime: 0,
    refetchOnReconnect: false,
    queryFn: async () => {
      const [draft, live] = await Promise.all([fetchDraft(), fetchLive()]);
      const initial = draft
        ? {
            spec: editableSpec(draft.spec, locale),
            revision: draft.revision,
            baseVersion: draft.baseVersion,
          }
        : {
            spec: live.spec ? editableSpec(live.spec, locale) : emptySpec(locale),
            revision: 0,
            baseVersion: live.version,
          };
      return { initial, liveVersion: live.version, draftBy: draft?.updatedBy ?? null };
    },
  });
  if (!allowed) return <Result status="403" title={t('noAccess')} />;
  return (
    <QueryBoundary query={session} rows={10}>
      {(s) => (
        <DraftProvider initial={s.initial}>
          <BuilderLayout liveVersion={s.liveVersion} />
        </DraftProvider>
      )}
    </QueryBoundary>
  );
}
