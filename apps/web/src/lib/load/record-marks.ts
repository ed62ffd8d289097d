/** User-timing marks of a record page's opening, read by apps/web/bench and seen in DevTools. */
export const RECORD_MARKS = {
  /** React committed the record page showing the record's fields. */
  commit: 'trellis:record-commit',
  /** The animation frame that draws that commit (its callbacks run before the frame's paint). */
  frame: 'trellis:record-frame',
} as const;

/**
 * Marks the commit that first shows a record (call it in a layout effect) and the frame that
 * draws it: the page's own part of an opening, apart from a test driver's latency (its click
 * dispatched late by a busy main thread, its poll for the page answered late). One mark of each
 * name at a time. Answers the function that cancels the frame's mark.
 */
export function markRecordShown(id: string): () => void {
  performance.clearMarks(RECORD_MARKS.commit);
  performance.clearMarks(RECORD_MARKS.frame);
  performance.mark(RECORD_MARKS.commit, { detail: id });
  const frame = requestAnimationFrame(() => performance.mark(RECORD_MARKS.frame, { detail: id }));
  return () => cancelAnimationFrame(frame);
}
