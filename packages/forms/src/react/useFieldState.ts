import type { FieldState, RecordData } from '@trellis/rules';
import type { FormScope } from './form-context';
import { useWatched } from './useFormStore';

const NONE: readonly string[] = [];

/**
 * The state (visible, required, read-only) of one field and, for a formula, its live value.
 * Subscribes to exactly the fields its rules read, never to the whole form: typing in one
 * input re-renders that input and the inputs whose conditions read it, nothing else.
 */
export function useFieldState(
  scope: FormScope,
  key: string,
): { state: FieldState; formula: unknown } {
  const deps = scope.runtime.dependencies.get(key) ?? NONE;
  const watched = useWatched(scope.store, deps);
  const values: RecordData =
    deps.length === 0 ? (scope.current ?? {}) : { ...scope.current, ...watched };
  const state = scope.runtime.stateOf(key, values);
  if (scope.runtime.model.fields.get(key)?.type !== 'formula') return { state, formula: undefined };
  return { state, formula: scope.runtime.formulas(values)[key] ?? null };
}
