import { useWatch, type Control } from 'react-hook-form';
import type { FieldState, RecordData } from '@trellis/rules';
import type { FormScope } from './form-context';

const NONE: readonly string[] = [];

/**
 * The state (visible, required, read-only) of one field and, for a formula, its live value.
 * Subscribes to exactly the fields its rules read, never to the whole form: typing in one
 * input re-renders that input and the inputs whose conditions read it, nothing else.
 */
export function useFieldState(
  scope: FormScope,
  control: Control<RecordData>,
  key: string,
): { state: FieldState; formula: unknown } {
  const deps = scope.runtime.dependencies.get(key) ?? NONE;
  // A fixed list of names: a new array only when one of them changes.
  const watched = useWatch({ control, name: deps as string[], disabled: deps.length === 0 }) as
    unknown[] | undefined;
  const values: RecordData = { ...scope.current };
  deps.forEach((d, i) => (values[d] = watched?.[i]));
  const state = scope.runtime.stateOf(key, values);
  if (scope.runtime.model.fields.get(key)?.type !== 'formula') return { state, formula: undefined };
  return { state, formula: scope.runtime.formulas(values)[key] ?? null };
}
