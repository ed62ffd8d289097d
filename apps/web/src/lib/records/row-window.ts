import type { Range } from '@tanstack/react-virtual';

/**
 * The indices a virtualised list renders: the rows in view and `overscan` either side, but
 * always `size` of them (all rows when the list is shorter), moved down from the top or up from
 * the end rather than cut there. As many rows come into view as go out in every frame, so a
 * list keying its rows by `index % size` keeps every key: a key missing for a frame (the window
 * one row shorter while no row is cut by the edge of the view) would remove that row's elements
 * and make them again the next frame.
 */
export function fixedWindow(range: Range, size: number): number[] {
  const count = Math.min(size, range.count);
  const end = Math.min(range.count - 1, Math.max(range.endIndex + range.overscan, count - 1));
  const start = end - count + 1;
  return Array.from({ length: count }, (_, i) => start + i);
}

/**
 * How many rows a list's window holds: as many as a view `viewHeight` px tall shows when rows
 * of `rowHeight` are cut by both its edges (one more than when a row's top meets its top edge),
 * and `overscan` either side; never fewer than `range` has in view. Given to `fixedWindow`, the
 * window holds every row in view, and keeps its size wherever the view is scrolled.
 */
export function windowSize(range: Range, viewHeight: number, rowHeight: number): number {
  const inView = Math.max(
    Math.ceil(viewHeight / rowHeight) + 1,
    range.endIndex - range.startIndex + 1,
  );
  return inView + 2 * range.overscan;
}
