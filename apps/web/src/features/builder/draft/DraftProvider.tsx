import { createContext, useEffect, useState, type ReactNode } from 'react';
import type { AppSpec } from '@trellis/spec';
import { createDraftStore, type DraftStore } from './draft-store';
import { checkSpec, saveDraft } from './api';

export const DraftContext = createContext<DraftStore | null>(null);

type Props = {
  initial: { spec: AppSpec; revision: number; baseVersion: number | null };
  children: ReactNode;
};

/**
 * Holds the builder's draft store for the pages below it: autosave through PUT /spec/draft with
 * the revision, problems from the server's validateSpec, a warning before leaving with unsaved
 * changes.
 */
export function DraftProvider({ initial, children }: Props) {
  const [store] = useState(() =>
    createDraftStore(initial, {
      async save(spec, revision) {
        const res = await saveDraft(spec, revision);
        return {
          revision: res.draft.revision,
          baseVersion: res.draft.baseVersion,
          problems: res.errors,
        };
      },
    }),
  );
  useEffect(() => {
    let live = true;
    void checkSpec(initial.spec)
      .then((problems) => live && store.checked(initial.spec, problems))
      .catch(() => undefined);
    const leave = (e: BeforeUnloadEvent) => {
      const { save } = store.getSnapshot();
      if (save !== 'saved') e.preventDefault();
    };
    window.addEventListener('beforeunload', leave);
    return () => {
      live = false;
      window.removeEventListener('beforeunload', leave);
      void store.flush();
      store.dispose();
    };
  }, [store, initial.spec]);
  return <DraftContext.Provider value={store}>{children}</DraftContext.Provider>;
}
