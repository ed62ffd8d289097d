/**
 * What a page loads only once a list's first rows are on screen: the code of what a click on
 * them opens (the record page, a filter, a dialog). Asked for as the list opened, it was
 * fetched, compiled and run beside the list's own code, and the rows waited for it.
 */
const waiting = new Map<() => void, When>();
let shown = false;

/**
 * `painted`: right after the frame that draws the rows — for the code of what a rep clicks first
 * (a row: the record page), so it has arrived by the click. An idle moment came only once the
 * list's own later answers were drawn, 50–250 ms after the rows: the moment a rep clicks, and
 * the click waited for that code to load. `idle`: when the browser has nothing more urgent.
 */
type When = 'painted' | 'idle';

/** Runs `then` once a list has shown its first rows (soon after, if one has). */
export function afterFirstRows(then: () => void, when: When = 'idle'): void {
  if (shown) run(then, when);
  else waiting.set(then, when);
}

/** A list calls this once its first rows have rendered. */
export function firstRowsShown(): void {
  if (shown) return;
  shown = true;
  for (const [then, when] of waiting) run(then, when);
  waiting.clear();
}

function run(then: () => void, when: When): void {
  if (when === 'idle') whenIdle(then);
  // The task after the next frame's paint (a list calls firstRowsShown in an effect, which
  // may run before the rows' frame is painted).
  else if (typeof requestAnimationFrame === 'function')
    requestAnimationFrame(() => setTimeout(then, 0));
  else setTimeout(then, 0);
}

// After the frame that draws the rows, when the browser has nothing more urgent (at the latest
// a second later): the rows are painted first, then the rest of the page's code loads.
function whenIdle(then: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(then, { timeout: 1000 });
  else setTimeout(then, 1);
}
