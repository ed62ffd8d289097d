import { describe, expect, it } from 'vitest';
import { fixedWindow, windowSize } from './row-window';

const ROW = 40;
const OVERSCAN = 4;

/**
 * The range @tanstack/virtual-core gives for a view `height` px tall scrolled to `top`: the row
 * at the top edge to the first row reaching the bottom edge.
 */
function rangeAt(top: number, height: number, count: number) {
  const startIndex = Math.min(Math.floor(top / ROW), count - 1);
  let endIndex = startIndex;
  while (endIndex < count - 1 && (endIndex + 1) * ROW < top + height) endIndex++;
  return { startIndex, endIndex, overscan: OVERSCAN, count };
}

describe('fixedWindow', () => {
  it('holds the rows in view, always the same number of them, with no two sharing index % size', () => {
    const wrong: string[] = [];
    for (const height of [600, 610, 639, 1])
      for (const count of [1, 5, 17, 100, 2000]) {
        const size = windowSize(rangeAt(0, height, count), height, ROW);
        for (let top = 0; top <= count * ROW; top += 7) {
          const range = rangeAt(top, height, count);
          const rows = fixedWindow(range, Math.max(size, windowSize(range, height, ROW)));
          const at = `height ${height}, ${count} rows, top ${top}: ${rows.join(',')}`;
          if (windowSize(range, height, ROW) !== size) wrong.push(`${at}: size changed`);
          if (rows.length !== Math.min(size, count)) wrong.push(`${at}: length`);
          if (rows[0]! < 0 || rows.at(-1)! >= count) wrong.push(`${at}: out of the list`);
          if (rows.some((r, i) => r !== rows[0]! + i)) wrong.push(`${at}: not in a run`);
          if (rows[0]! > range.startIndex || rows.at(-1)! < range.endIndex)
            wrong.push(`${at}: a row in view left out`);
          if (new Set(rows.map((r) => r % size)).size !== rows.length)
            wrong.push(`${at}: two rows share a slot`);
        }
      }
    expect(wrong.slice(0, 5)).toEqual([]);
  });

  it('keeps every slot while scrolling: each row scrolling out hands its slot to one coming in', () => {
    const count = 10_000;
    const size = windowSize(rangeAt(0, 600, count), 600, ROW);
    let slots: number[] | undefined;
    // 60 px a frame down (the view cut by one edge, then by both), then 130 px a frame up.
    for (const [from, to, step] of [
      [0, 4000, 60],
      [4000, 0, -130],
    ] as const)
      for (let top = from; step > 0 ? top <= to : top >= to; top += step) {
        const next = fixedWindow(rangeAt(top, 600, count), size)
          .map((r) => r % size)
          .sort((a, b) => a - b);
        if (slots) expect(next).toEqual(slots);
        slots = next;
      }
    expect(slots).toHaveLength(size);
  });

  it('sizes the window for the view cut by both edges, one row more than at the top', () => {
    // 15 rows fill a 600 px view at the top; 20 px down, 16 rows are in it.
    const range = rangeAt(20, 600, 1000);
    expect(range.endIndex - range.startIndex + 1).toBe(16);
    expect(windowSize(rangeAt(0, 600, 1000), 600, ROW)).toBe(16 + 2 * OVERSCAN);
  });
});
