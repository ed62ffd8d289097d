import { useMemo } from 'react';
import { useSpec } from '../../../lib/session/useSpec';
import { useDraft } from '../draft/useDraft';

/**
 * Whether an automation is published (a dry run runs the published one) and whether the draft
 * has changed it since.
 */
export function usePublishedAutomation(key: string): { changed: boolean } | null {
  const live = useSpec().data?.spec ?? null;
  const draft = useDraft((s) => s.spec.automations?.find((a) => a.key === key));
  return useMemo(() => {
    const published = live?.automations?.find((a) => a.key === key);
    if (!published) return null;
    return { changed: JSON.stringify(published) !== JSON.stringify(draft) };
  }, [live, draft, key]);
}
