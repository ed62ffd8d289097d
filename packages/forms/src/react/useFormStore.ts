import { useCallback, useSyncExternalStore } from 'react';
import type { RecordData } from '@trellis/rules';
import type { FormStore } from '../core/form-store';

const NONE: RecordData = {};

/**
 * The values of `keys` (the fields a rule reads), re-rendering only when one of them changes.
 * The snapshot is their change counters, so an unrelated keystroke costs a string compare.
 */
export function useWatched(store: FormStore, keys: readonly string[]): RecordData {
  const subscribe = useCallback(
    (l: () => void) => {
      const off = keys.map((k) => store.subscribe(k, l));
      return () => off.forEach((f) => f());
    },
    [store, keys],
  );
  const stamp = useSyncExternalStore(subscribe, () =>
    keys.length === 0 ? '' : keys.map((k) => store.version(k)).join(','),
  );
  void stamp; // read below, after React decided this render is needed
  if (keys.length === 0) return NONE;
  const out: RecordData = {};
  for (const k of keys) out[k] = store.get(k);
  return out;
}

/** Error and submit counts, for the summary above the button. */
export function useFormMeta(store: FormStore) {
  const subscribe = useCallback((l: () => void) => store.subscribeMeta(l), [store]);
  const errors = useSyncExternalStore(subscribe, () => store.errorCount());
  const submits = useSyncExternalStore(subscribe, () => store.submitCount());
  return { errors, submits };
}
