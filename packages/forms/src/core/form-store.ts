import type { RecordData } from '@trellis/rules';
import type { Focusable } from '../react/widget-types';

type Listener = () => void;

/**
 * The values and errors of one form, with a subscription per field: a change notifies only the
 * inputs of that field (and whoever watches it), so a keystroke never re-renders the form and a
 * refused submit re-renders only the fields whose error changed. Framework-free; the React
 * layer reads it through `useSyncExternalStore`.
 */
export type FormStore = {
  get(key: string): unknown;
  /** A change counter of one field's value (what watchers compare). */
  version(key: string): number;
  /** A change counter of one field's value or error (what the field's own input compares). */
  stamp(key: string): number;
  /** All values (a fresh object). */
  values(): RecordData;
  set(key: string, value: unknown): void;
  /** Replaces every value (a discarded draft). */
  reset(values: RecordData): void;
  error(key: string): string | undefined;
  /** Sets the errors of `keys` from `errors` (absent: no error), notifying only real changes. */
  setErrors(errors: Readonly<Record<string, string>>, keys?: Iterable<string>): void;
  errorCount(): number;
  submitCount(): number;
  markSubmitted(): void;
  /** Value or error of `key` changed. */
  subscribe(key: string, listener: Listener): () => void;
  /** Any value changed (drafts). */
  subscribeValues(listener: Listener): () => void;
  /** Error count or submit count changed (the summary above the button). */
  subscribeMeta(listener: Listener): () => void;
  /** The element focus goes to when `key` has the first error. */
  attach(key: string, el: Focusable | null): void;
  /** Focuses the first of `keys` (in form order) that has an error and an input. */
  focusFirstError(keys: Iterable<string>): void;
};

/** Scrolls the focused field (its frame: label, input, error) into view in the next frame. */
function revealFocused(): void {
  if (typeof requestAnimationFrame !== 'function') return;
  requestAnimationFrame(() => {
    const el = document.activeElement;
    const field = el?.closest('[data-tf-field]') ?? el;
    field?.scrollIntoView?.({ block: 'nearest' });
  });
}

/** A store over `initial` values. */
export function createFormStore(initial: RecordData): FormStore {
  let values: RecordData = { ...initial };
  const versions = new Map<string, number>();
  const errors = new Map<string, string>();
  const inputs = new Map<string, Focusable>();
  const byKey = new Map<string, Set<Listener>>();
  const onValues = new Set<Listener>();
  const onMeta = new Set<Listener>();
  let submits = 0;

  const stamps = new Map<string, number>();
  const notify = (key: string) => {
    stamps.set(key, (stamps.get(key) ?? 0) + 1);
    byKey.get(key)?.forEach((l) => l());
  };
  const listen = (set: Set<Listener>, l: Listener) => {
    set.add(l);
    return () => void set.delete(l);
  };
  const bump = (key: string) => versions.set(key, (versions.get(key) ?? 0) + 1);

  return {
    get: (key) => values[key],
    version: (key) => versions.get(key) ?? 0,
    stamp: (key) => stamps.get(key) ?? 0,
    values: () => ({ ...values }),
    set(key, value) {
      if (Object.is(values[key], value)) return;
      values[key] = value;
      bump(key);
      notify(key);
      onValues.forEach((l) => l());
    },
    reset(next) {
      const keys = new Set([...Object.keys(values), ...Object.keys(next)]);
      values = { ...next };
      for (const key of keys) {
        bump(key);
        notify(key);
      }
      onValues.forEach((l) => l());
    },
    error: (key) => errors.get(key),
    setErrors(next, keys = new Set([...errors.keys(), ...Object.keys(next)])) {
      let changed = false;
      for (const key of keys) {
        const message = next[key];
        if (errors.get(key) === message) continue;
        if (message === undefined) errors.delete(key);
        else errors.set(key, message);
        changed = true;
        notify(key);
      }
      if (changed) onMeta.forEach((l) => l());
    },
    errorCount: () => errors.size,
    submitCount: () => submits,
    markSubmitted() {
      submits += 1;
      onMeta.forEach((l) => l());
    },
    subscribe(key, listener) {
      let set = byKey.get(key);
      if (!set) byKey.set(key, (set = new Set()));
      return listen(set, listener);
    },
    subscribeValues: (l) => listen(onValues, l),
    subscribeMeta: (l) => listen(onMeta, l),
    attach(key, el) {
      if (el) inputs.set(key, el);
      else inputs.delete(key);
    },
    focusFirstError(keys) {
      for (const key of keys) {
        const input = errors.has(key) ? inputs.get(key) : undefined;
        if (!input) continue;
        // A plain focus() scrolls, which forces a layout of the whole form before the errors
        // are even rendered (~20 ms at 200 fields). Focus without scrolling, then bring the
        // field into view in the next frame, whose layout happens anyway.
        input.focus({ preventScroll: true });
        revealFocused();
        return;
      }
    },
  };
}
