/**
 * What an editor sends: the new value, or how to make it from the value the draft holds when the
 * edit is applied. An editor that changes one part of a bigger value (one language of a name, one
 * option of a list, one setting of a widget) sends a function: the edit then starts from the
 * latest draft, so a change made before the page re-rendered (a fast typist on a busy machine) is
 * not undone by a whole value computed from what the last render saw.
 */
export type Change<T> = T | ((latest: T) => T);

/** The value `change` makes of `latest` (spec values are plain data, never functions). */
export function applyChange<T>(latest: T, change: Change<T>): T {
  return typeof change === 'function' ? (change as (latest: T) => T)(latest) : change;
}
