import { useContext, useMemo, useRef, useSyncExternalStore } from 'react';
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
 * returning a part of it (an entity, a form) is stable until that part is edited. A selector
 * that builds a value (`s.spec.roles ?? []` on a spec without roles) answers the same object for
 * the same snapshot: React reads the snapshot several times per render and took a new array
 * each time for a change, rendering again without end (every empty section of a blank
 * workspace failed with "Maximum update depth exceeded").
 */
export function useDraft<T>(select: (s: DraftSnapshot) => T): T {
  const store = useDraftStore();
  const last = useRef<{ snap: DraftSnapshot; select: unknown; value: T } | null>(null);
  return useSyncExternalStore(store.subscribe, () => {
    const snap = store.getSnapshot();
    const seen = last.current;
    if (seen && seen.snap === snap && seen.select === select) return seen.value;
    const value = select(snap);
    last.current = { snap, select, value };
    return value;
  });
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
