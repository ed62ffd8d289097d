import type { FormLayout } from '@trellis/rules';

/**
 * How many fields, in form order, the first screen of a form shows at most: 12 rows of two
 * columns on a laptop (more than a phone's one column holds). A form renders these when it
 * mounts and the rest in the task after its first frame has painted (`useRestShown`), and
 * a widget set draws the rest only as the screen comes near them (`content-visibility: auto`).
 * On the fields a person sees at once that property would only cost: the browser skips each
 * of them in a first pass, finds it on screen, then styles, lays out and paints again.
 */
export const FIRST_SCREEN_FIELDS = 24;

const pastFirstScreen = new WeakMap<FormLayout, ReadonlySet<string>>();

/** Whether field `key` comes after the first screen's fields of its form (computed once per layout). */
export function isPastFirstScreen(layout: FormLayout, key: string): boolean {
  let past = pastFirstScreen.get(layout);
  if (!past) {
    past = new Set([...layout.byKey.keys()].slice(FIRST_SCREEN_FIELDS));
    pastFirstScreen.set(layout, past);
  }
  return past.has(key);
}
