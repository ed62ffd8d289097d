import type * as Records from '../features/records';

type RecordsFeature = typeof Records;

let feature: Promise<RecordsFeature> | undefined;
let loaded: RecordsFeature | undefined;
const waiting = new Set<(feature: RecordsFeature) => void>();

/**
 * The records feature's code (the list's and the record page's chunk), asked for once. Called as
 * a list opens and as a pointer rests on a link to a record, so it has arrived by the click.
 */
export function loadRecordsFeature(): Promise<RecordsFeature> {
  if (!feature) {
    const loading = import('../features/records');
    // The promise says when it has settled, as React's `use` reads it (`status`, `value`): a
    // settled one renders at once instead of suspending for a task.
    void loading.then(
      (value) => {
        Object.assign(loading, { status: 'fulfilled', value });
        loaded = value;
        for (const then of waiting) then(value);
        waiting.clear();
      },
      (reason: unknown) => {
        Object.assign(loading, { status: 'rejected', reason });
        feature = undefined; // the next opening asks again
      },
    );
    feature = loading;
  }
  return feature;
}

/**
 * Calls `then` once the records feature's code has arrived (at once if it has), without asking
 * for it: for what is only worth doing where records are shown. Answers the function that stops
 * waiting.
 */
export function whenRecordsFeatureLoaded(then: (feature: RecordsFeature) => void): () => void {
  if (loaded) {
    then(loaded);
    return () => undefined;
  }
  waiting.add(then);
  return () => waiting.delete(then);
}
