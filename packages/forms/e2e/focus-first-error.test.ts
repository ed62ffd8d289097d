// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { pageForFile } from './open-form-page';
import type { FormPage } from './form-page';

const page = pageForFile({ width: 1280, height: 800 });

type Seen = { activeId: string; scrollAtClick: number; scrollAfterFrame: number; top: number };

// Submit from the bottom of a long form: focus lands on the first error at once, without a
// scroll (and so without a forced layout) inside the click; the next frame brings its field,
// label to error text, into view.
describe.each(['desktop', 'light'] as const)('focus on the first error (%s set)', (set) => {
  it('focuses at once and scrolls the field into view in the next frame', async () => {
    const seen = await page.evaluate(async (set) => {
      const fp = (window as unknown as { formPage: FormPage }).formPage;
      fp.mount({ set, locale: 'en', bigFields: 200 });
      await fp.nextFrame();
      window.scrollTo(0, document.documentElement.scrollHeight);
      await fp.nextFrame();
      const button = document.querySelector<HTMLButtonElement>('button[type="submit"]')!;
      const before = window.scrollY;
      button.click();
      const scrollAtClick = window.scrollY;
      const activeId = document.activeElement?.id ?? '';
      await fp.nextFrame();
      await fp.nextFrame();
      const frame = document.activeElement!.closest('[data-tf-field]')!.getBoundingClientRect();
      return {
        activeId,
        scrollAtClick: scrollAtClick - before,
        scrollAfterFrame: window.scrollY - before,
        top: frame.top,
        bottom: frame.bottom - window.innerHeight,
      } as Seen & { bottom: number };
    }, set);
    expect(seen.activeId).toMatch(/-f0$/); // field 0 is the first required field
    expect(seen.scrollAtClick).toBe(0);
    expect(seen.scrollAfterFrame).toBeLessThan(0);
    expect(seen.top).toBeGreaterThanOrEqual(0);
    expect(seen.bottom).toBeLessThanOrEqual(0);
  }, 60_000);
});
