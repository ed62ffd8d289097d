import { useMemo } from 'react';
import { useSpec } from '../../../lib/session/useSpec';
import { useDraft } from '../draft/useDraft';

/**
 * Whether the draft differs from the published version of an automation (or is the only one
 * that has it): then a trial must run the draft.
 */
export function usePublishedAutomation(key: string): { published: boolean; changed: boolean } {
  const live = useSpec().data?.spec ?? null;
  const draft = useDraft((s) => s.spec.automations?.find((a) => a.key === key));
  return useMemo(() => {
    const published = live?.automations?.find((a) => a.key === key);
    return {
      published: published !== undefined,
      changed: !published || JSON.stringify(published) !== JSON.stringify(draft),
    };
  }, [live, draft, key]);
}
