/**
 * Counts spec publishes made in this thread. Runtimes that cache the live spec compare it
 * instead of querying `spec_versions` on every call: a publish here is seen at once, one made
 * by another thread or process within the runtime's short recheck interval.
 */
let epoch = 0;

export function specEpoch(): number {
  return epoch;
}

/** Call after writing `spec_versions` outside `specVersions().publish/restore` (which call it). */
export function markSpecChanged(): void {
  epoch += 1;
}
