import type { Focusable } from './widget-types';
import type { FormScope } from './form-context';

/**
 * What one placed field takes from its form: its store subscription (its own value and error,
 * and the values its rules read) and its handlers. Made once per field and form scope, not in
 * hooks at every mount: a field mounts with one `useSyncExternalStore` and no `useCallback`
 * (it had two and four, and four passive effects where it now has two).
 */
export type FieldBinding = {
  /** The fields its rules read (`FormRuntime.dependencies`). */
  deps: readonly string[];
  /** Listens to the field's value and error and to its dependencies' values. */
  subscribe(listener: () => void): () => void;
  /**
   * Changes whenever the field's value or error or a dependency's value does: each counter
   * only grows, so their sum changes exactly when one of them does.
   */
  snapshot(): number;
  onChange(value: unknown): void;
  attach(el: Focusable | null): void;
};

const NONE: readonly string[] = [];
const bindings = new WeakMap<FormScope, Map<string, FieldBinding>>();

/** The binding of field `key` in `scope` (the same object for the life of the scope). */
export function fieldBinding(scope: FormScope, key: string): FieldBinding {
  let byKey = bindings.get(scope);
  if (!byKey) bindings.set(scope, (byKey = new Map()));
  let binding = byKey.get(key);
  if (!binding) byKey.set(key, (binding = bind(scope, key)));
  return binding;
}

function bind(scope: FormScope, key: string): FieldBinding {
  const { store } = scope;
  const deps = scope.runtime.dependencies.get(key) ?? NONE;
  return {
    deps,
    subscribe(listener) {
      if (deps.length === 0) return store.subscribe(key, listener);
      const off = [key, ...deps].map((k) => store.subscribe(k, listener));
      return () => off.forEach((f) => f());
    },
    snapshot() {
      let sum = store.stamp(key);
      for (const d of deps) sum += store.version(d);
      return sum;
    },
    onChange(value) {
      store.set(key, value);
      scope.changed(key);
    },
    attach: (el) => store.attach(key, el),
  };
}
