import { useEffect, useState } from 'react';
import type { RecordData } from '@trellis/rules';
import { localDraft, type DraftStore } from '../core/draft';
import type { FormStore } from '../core/form-store';

/** The draft saved under `key` (none when key is undefined), read once when the form mounts. */
export function useSavedDraft(key: string | undefined): {
  store: DraftStore | null;
  saved: RecordData | null;
} {
  const [draft] = useState(() => {
    const store = key ? localDraft(key) : null;
    const saved = store?.load() ?? null;
    return { store, saved: saved && Object.keys(saved).length > 0 ? saved : null };
  });
  return draft;
}

/**
 * Saves the form into its draft half a second after typing stops, through a subscription (no
 * re-render of the form); `discard` forgets it and resets the inputs, `clear` forgets it after a
 * successful submit.
 */
export function useDraft(
  form: FormStore,
  draft: { store: DraftStore | null; saved: RecordData | null },
) {
  const { store } = draft;
  const [restored, setRestored] = useState(draft.saved !== null);
  useEffect(() => {
    if (!store) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = form.subscribeValues(() => {
      clearTimeout(timer);
      timer = setTimeout(() => store.save(form.values()), 500);
    });
    return () => {
      clearTimeout(timer);
      unsubscribe();
    };
  }, [form, store]);
  return {
    restored,
    discard: (start: RecordData) => {
      store?.clear();
      form.reset(start);
      setRestored(false);
    },
    clear: () => {
      store?.clear();
      setRestored(false);
    },
  };
}
