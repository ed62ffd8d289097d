// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { pageForFile } from './open-form-page';
import type { FormPage } from './form-page';

const page = pageForFile({ width: 390, height: 844 });

/** The colour of the pixel at (x, y) of the page as drawn, decoded by the browser. */
async function pixelAt(x: number, y: number): Promise<[number, number, number]> {
  const png = await page.screenshot({ clip: { x, y, width: 1, height: 1 } });
  return page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = 1;
    canvas.height = 1;
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(img, 0, 0);
    const [r, g, b] = ctx.getImageData(0, 0, 1, 1).data;
    return [r!, g!, b!] as [number, number, number];
  }, png.toString('base64'));
}

/** Where the focus outline of the keyboard-focused Name input is drawn: 3px left of its border. */
async function outlinePixel(): Promise<[number, number, number]> {
  await page.evaluate(() => {
    const fp = (window as unknown as { formPage: FormPage }).formPage;
    fp.mount({ set: 'light', locale: 'en' });
    (document.activeElement as HTMLElement | null)?.blur();
  });
  await page.keyboard.press('Tab'); // keyboard focus: the outline shows (:focus-visible)
  const box = await page.evaluate(() => {
    const r = document.activeElement!.getBoundingClientRect();
    return { x: r.left, y: r.top + r.height / 2 };
  });
  return pixelAt(Math.round(box.x) - 3, Math.round(box.y));
}

// Each light field is paint-contained (light.css: a keystroke repaints the typed field only), so
// what it draws outside its box is cut off. The focus outline (2px, 2px out from the input) must
// still show whole: the field's 4px of padding hold it.
describe('a light field with its paint contained', () => {
  it('still shows the whole focus outline of its input', async () => {
    expect(await outlinePixel()).toEqual([22, 119, 255]); // --tf-primary, #1677ff
    // The same look with the field's padding taken away: the outline is cut off at the field's
    // box, and the check above sees it (white where the outline was).
    await page.addStyleTag({ content: '.tf-field { padding: 0; margin: 0 0 14px; }' });
    expect(await outlinePixel()).not.toEqual([22, 119, 255]);
  }, 60_000);
});
