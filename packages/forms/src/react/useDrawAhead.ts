import { useEffect, type RefObject } from 'react';
import { FIRST_SCREEN_FIELDS } from '../core/first-screen';

/** A far field the form has not yet had drawn (a set's frame marks far fields this way). */
const UNDRAWN = '[data-tf-field="far"]:not([data-tf-drawn])';

/**
 * How many far fields at most the form draws ahead: a screenful per frame for 8 frames, so a form
 * of up to 216 fields is drawn whole. In a longer one the fields past those stay drawn only near
 * the screen: with all 1,000 fields of the bench's longest form drawn, every keystroke laid out
 * and painted them all (p50 18.8 ms against 5.8 ms).
 */
const DRAW_AHEAD_MAX = 8 * FIRST_SCREEN_FIELDS;

/**
 * Has the browser draw the fields past the first screen ahead of any scrolling, from the top,
 * once they are rendered (`active`): a screenful (`FIRST_SCREEN_FIELDS`) per frame, up to
 * `DRAW_AHEAD_MAX`. Until a far field is marked `data-tf-drawn` its set leaves it
 * `content-visibility: auto` (drawn only near the screen): that keeps the first frames of a
 * long form cheap, but a fast scroll, a jump to the end or a full-page screenshot found fields
 * not drawn yet, a blank band in the form. A far field mounted later (a condition shows it) is
 * drawn in the next frame. The mark is an attribute React does not own, so a re-render keeps it.
 */
export function useDrawAhead(form: RefObject<HTMLFormElement | null>, active: boolean): void {
  useEffect(() => {
    const root = form.current;
    if (!active || !root) return;
    let frame = 0;
    const draw = () => {
      frame = 0;
      const undrawn = root.querySelectorAll(UNDRAWN);
      const room = DRAW_AHEAD_MAX - root.querySelectorAll('[data-tf-drawn]').length;
      const count = Math.min(undrawn.length, FIRST_SCREEN_FIELDS, room);
      for (let i = 0; i < count; i++) undrawn[i]!.setAttribute('data-tf-drawn', '');
      if (undrawn.length > count && room > count) frame = requestAnimationFrame(draw);
    };
    const later = () => {
      if (frame === 0) frame = requestAnimationFrame(draw);
    };
    later();
    // Fields a condition shows later; only element additions matter, not text or attributes.
    const watch = new MutationObserver(later);
    watch.observe(root, { childList: true, subtree: true });
    return () => {
      watch.disconnect();
      cancelAnimationFrame(frame);
    };
  }, [form, active]);
}
