import { useLayoutEffect, useState } from 'react';

/** A list cell's padding either side (app.css `.trellis-td`, `.trellis-cell`). */
const PADDING = 12;
const SLACK = 0.5;

/**
 * The room each column's text has, in pixels: its header cell's width less the padding, read
 * before the first paint and again whenever the header changes width (a resized window, the
 * columns' own). Every row's cells are as wide as the header's (the same flex shares), so a
 * row cuts its texts to these (`cutToFit`) instead of letting CSS clip them. Until the header
 * is laid out, `least` (the columns' least widths' room).
 */
export function useColumnRoom(head: HTMLElement | null, least: number[]): number[] {
  const [room, setRoom] = useState(least);
  useLayoutEffect(() => {
    if (!head) return;
    const read = () => {
      // The header's cells after its select-all box, one per column.
      const cells = [...head.children].slice(1);
      if (cells.length !== least.length) return;
      // Half a pixel of the padding too: the layout's widths are fractional (177.75 px), and
      // a text 0.4 px wider than the content box still shows whole (nothing clips it).
      const next = cells.map((c, i) =>
        Math.max(least[i]!, c.getBoundingClientRect().width - 2 * PADDING + SLACK),
      );
      setRoom((last) =>
        last.length === next.length && last.every((w, i) => w === next[i]) ? last : next,
      );
    };
    read();
    const observer = new ResizeObserver(read);
    observer.observe(head);
    return () => observer.disconnect();
  }, [head, least]);
  return room;
}
