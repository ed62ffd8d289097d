import type * as Records from '../features/records';

type RecordsFeature = typeof Records;

let feature: Promise<RecordsFeature> | undefined;

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
      (value) => Object.assign(loading, { status: 'fulfilled', value }),
      (reason: unknown) => {
        Object.assign(loading, { status: 'rejected', reason });
        feature = undefined; // the next opening asks again
      },
    );
    feature = loading;
  }
  return feature;
}
