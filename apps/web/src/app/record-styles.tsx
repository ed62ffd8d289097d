import { startTransition, useEffect, useState, type ComponentType } from 'react';
import { createPortal } from 'react-dom';
import { whenRecordsFeatureLoaded } from './records-feature';

/**
 * Draws the record page's Ant Design pieces once, with no data, into a container that is not in
 * the document, as soon as the records feature's code has arrived (a list, a board or a link
 * to a record asked for it) and the browser is idle, and keeps them: their styles are then in
 * the head before the first record is opened, and the click only draws the record (see
 * RecordPageStyles). In a transition, so a click or a list's rows coming in go first. Nothing
 * of it is visible, focusable or found by a selector on the page.
 */
export function RecordPageStylesAhead() {
  const [Styles, setStyles] = useState<ComponentType | null>(null);
  const [box] = useState(() => document.createElement('div'));
  useEffect(() => {
    let cancelled = false;
    const stop = whenRecordsFeatureLoaded((feature) =>
      whenIdle(() => {
        if (!cancelled) startTransition(() => setStyles(() => feature.RecordPageStyles));
      }),
    );
    return () => {
      cancelled = true;
      stop();
    };
  }, []);
  return Styles ? createPortal(<Styles />, box) : null;
}

/** In the browser's next idle time (Safari has no requestIdleCallback: a task later there). */
function whenIdle(run: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(run);
  else setTimeout(run, 1);
}
