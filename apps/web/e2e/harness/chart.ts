import type { Locator } from 'playwright-core';

/**
 * A point of a chart's canvas drawn in exactly `rgb` (#rrggbb) with the same colour all around
 * it (`margin` CSS pixels each way): inside a bar or a slice of that colour, not on a label's
 * letters or a legend's small key. In CSS pixels from the canvas's top left; null when none.
 */
async function pointOfColor(
  canvas: Locator,
  rgb: string,
  margin = 8,
): Promise<{ x: number; y: number } | null> {
  return canvas.evaluate(
    (el, [hex, m]) => {
      const c = el as HTMLCanvasElement;
      const want = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
      const { data, width, height } = c.getContext('2d')!.getImageData(0, 0, c.width, c.height);
      const scale = c.width / c.getBoundingClientRect().width;
      const d = Math.round(m * scale);
      const is = (x: number, y: number) => {
        if (x < 0 || y < 0 || x >= width || y >= height) return false;
        const i = (y * width + x) * 4;
        return data[i] === want[0] && data[i + 1] === want[1] && data[i + 2] === want[2];
      };
      for (let y = d; y < height - d; y += 2)
        for (let x = d; x < width - d; x += 2)
          if (is(x, y) && is(x - d, y) && is(x + d, y) && is(x, y - d) && is(x, y + d))
            return { x: x / scale, y: y / scale };
      return null;
    },
    [rgb, margin] as const,
  );
}

/**
 * `pointOfColor` once the chart has stopped moving (two reads 250 ms apart agree): an
 * animating donut sweeps its slices round, so a point found early may leave its slice.
 */
export async function settledPointOfColor(
  canvas: Locator,
  rgb: string,
  timeout = 15_000,
): Promise<{ x: number; y: number }> {
  let last: { x: number; y: number } | null = null;
  for (const end = Date.now() + timeout; Date.now() < end;) {
    const now = await pointOfColor(canvas, rgb);
    if (now && last && now.x === last.x && now.y === last.y) return now;
    last = now;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no settled area drawn in ${rgb}`);
}
