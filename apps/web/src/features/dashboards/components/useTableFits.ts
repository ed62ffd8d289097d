import { useLayoutEffect, useState } from 'react';

/**
 * Whether a table fits the width of `box` without scrolling sideways. While it is shown, its
 * width is read after each render and each resize of the box: a table wider than the box is
 * as wide as its content allows at the least, so that width is kept and the table comes back
 * once the box is at least that wide again. `key` (the widget's answer) forgets it.
 */
export function useTableFits(box: HTMLElement | null, key: unknown): boolean {
  const [need, setNeed] = useState<{ key: unknown; width: number } | null>(null);
  const [width, setWidth] = useState<number | null>(null);
  const needed = need !== null && need.key === key ? need.width : null;
  const fits = needed === null || (width ?? Infinity) >= needed;
  useLayoutEffect(() => {
    if (!box) return;
    const read = () => {
      const room = box.clientWidth;
      setWidth(room);
      const table = box.querySelector('table');
      // Half a pixel of slack: laid-out widths are fractional.
      if (table && table.getBoundingClientRect().width > room + 0.5)
        setNeed({ key, width: Math.ceil(table.getBoundingClientRect().width) });
    };
    read();
    const observer = new ResizeObserver(read);
    observer.observe(box);
    return () => observer.disconnect();
  }, [box, key, fits]);
  return fits;
}
