import { useEffect, type RefObject } from 'react';
import { FIRST_SCREEN_FIELDS } from '../core/first-screen';

/** A far field the form has not yet had drawn (a set's frame marks far fields this way). */
const UNDRAWN = '[data-tf-field="far"]:not([data-tf-drawn])';

/** In how many frames the fields past the first screen are all drawn, however many there are. */
const DRAW_FRAMES = 8;

/**
 * Has the browser draw the fields past the first screen ahead of any scrolling, from the top,
 * once they are rendered (`active`): a screenful (`FIRST_SCREEN_FIELDS`) per frame, more in a
 * very long form, so all of them are drawn within `DRAW_FRAMES` frames. Until a far field is
 * marked `data-tf-drawn` its set leaves it `content-visibility: auto` (drawn only near the
 * screen): that keeps the first frames of a long form cheap, but a fast scroll, a jump to the end
 * or a full-page screenshot found fields not drawn yet, a blank band in the form. A far field
 * mounted later (a condition shows it) is drawn in the next frame. The mark is an attribute
 * React does not own, so a re-render keeps it.
 */
export function useDrawAhead(form: RefObject<HTMLFormElement | null>, active: boolean): void {
  useEffect(() => {
    const root = form.current;
    if (!active || !root) return;
    let frame = 0;
    let passes = 0;
    const draw = () => {
      frame = 0;
      const undrawn = root.querySelectorAll(UNDRAWN);
      const share = Math.ceil(undrawn.length / Math.max(1, DRAW_FRAMES - passes));
      const count = Math.min(undrawn.length, Math.max(FIRST_SCREEN_FIELDS, share));
      for (let i = 0; i < count; i++) undrawn[i]!.setAttribute('data-tf-drawn', '');
      passes++;
      if (undrawn.length > count) frame = requestAnimationFrame(draw);
      else passes = 0;
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
