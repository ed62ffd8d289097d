/**
 * What a page loads only once a list's first rows are on screen: the code of what a click on
 * them opens (the record page, a filter, a dialog). Asked for as the list opened, it was
 * fetched, compiled and run beside the list's own code, and the rows waited for it.
 */
const waiting = new Set<() => void>();
let shown = false;

/** Runs `then` once a list has shown its first rows (soon after, if one has). */
export function afterFirstRows(then: () => void): void {
  if (shown) whenIdle(then);
  else waiting.add(then);
}

/** A list calls this once its first rows have rendered. */
export function firstRowsShown(): void {
  if (shown) return;
  shown = true;
  for (const then of waiting) whenIdle(then);
  waiting.clear();
}

// After the frame that draws the rows, when the browser has nothing more urgent (at the latest
// a second later): the rows are painted first, then the rest of the page's code loads.
function whenIdle(then: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(then, { timeout: 1000 });
  else setTimeout(then, 1);
}
