import { useCallback, useEffect, useState } from 'react';

/**
 * Whether the fields past the first screen (`firstScreenKeys`) of a form `longer` than it are rendered. A longer form
 * mounts with the fields a person sees and renders the rest in the task after that first frame
 * has painted, in one go (not a transition a keystroke could put off): the form is on screen
 * about as soon as a screenful of plain inputs would be, and complete a few milliseconds later,
 * long before anyone can tab or scroll there. `showRest` renders them at once (a submit that must
 * focus an error among them).
 */
export function useRestShown(longer: boolean): { shown: boolean; showRest(): void } {
  const [shown, setShown] = useState(!longer);
  useEffect(() => {
    if (shown) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => setShown(true));
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [shown]);
  const showRest = useCallback(() => setShown(true), []);
  return { shown, showRest };
}
