import { useContext, useMemo, useSyncExternalStore } from 'react';
import type { AppSpec } from '@trellis/spec';
import { DraftContext } from './DraftProvider';
import type { DraftSnapshot, DraftStore, SpecProblem } from './draft-store';

/** The builder's draft store (below DraftProvider). */
export function useDraftStore(): DraftStore {
  const store = useContext(DraftContext);
  if (!store) throw new Error('useDraftStore outside DraftProvider');
  return store;
}

/**
 * A slice of the draft, re-rendering only when it changes. The spec is immutable, so a selector
 * returning a part of it (an entity, a form) is stable until that part is edited.
 */
export function useDraft<T>(select: (s: DraftSnapshot) => T): T {
  const store = useDraftStore();
  return useSyncExternalStore(store.subscribe, () => select(store.getSnapshot()));
}

/** The draft spec. */
export function useDraftSpec(): AppSpec {
  return useDraft((s) => s.spec);
}

/** `edit(label, recipe, { coalesce })`: one undoable change of the draft. */
export function useEdit(): DraftStore['edit'] {
  return useDraftStore().edit;
}

/**
 * The server's problems at a place of the spec (a JSON pointer such as `/entities/0/fields/2`),
 * including those inside it; `exact` for the place itself only.
 */
export function useProblems(path: string, exact = false): SpecProblem[] {
  const problems = useDraft((s) => s.problems);
  return useMemo(
    () =>
      problems.filter(
        (p) => p.path === path || (!exact && (path === '' || p.path.startsWith(`${path}/`))),
      ),
    [problems, path, exact],
  );
}
