import type { FieldState, RecordData } from '@trellis/rules';
import type { FormScope } from './form-context';

/**
 * The state (visible, required, read-only) of one field and, for a formula, its live value,
 * from the values of exactly the fields its rules read (`deps`, which its binding subscribes
 * to): typing in one input re-renders that input and the inputs whose conditions read it.
 */
export function fieldStateOf(
  scope: FormScope,
  key: string,
  deps: readonly string[],
): { state: FieldState; formula: unknown } {
  let values: RecordData = scope.current ?? {};
  if (deps.length > 0) {
    values = { ...values };
    for (const d of deps) values[d] = scope.store.get(d);
  }
  const state = scope.runtime.stateOf(key, values);
  if (scope.runtime.model.fields.get(key)?.type !== 'formula') return { state, formula: undefined };
  return { state, formula: scope.runtime.formulas(values)[key] ?? null };
}
