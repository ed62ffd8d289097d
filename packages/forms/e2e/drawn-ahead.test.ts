// @vitest-environment node
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { pageForFile } from './open-form-page';
import type { FormPage } from './form-page';

const ARTIFACTS = fileURLToPath(new URL('./artifacts/', import.meta.url));

const page = pageForFile({ width: 390, height: 844 });
beforeAll(() => void mkdirSync(ARTIFACTS, { recursive: true }));

// How many frames after the rest of a 200-field form has rendered every field must be drawn:
// 176 far fields, a screenful (24) per frame, is 8; a person cannot scroll 60 phone screens in
// that time. Counted in frames, not milliseconds, so a loaded machine does not make it flaky.
const FRAMES = 12;

// A long form at phone width, as a prospect or a rep opens it: the fields past the first screen
// start undrawn (content-visibility: auto), then the form has the browser draw them, a screenful
// per frame, before anyone can scroll there. Without that, a fast scroll or a jump to the end
// met blank bands where fields were not drawn yet, and a full-page screenshot showed them blank.
describe.each(['desktop', 'light'] as const)('a long form at phone width (%s set)', (set) => {
  it.each(['zh-CN', 'en'] as const)(
    '%s: every field is drawn a few frames after it opens, before any scroll',
    async (locale) => {
      const seen = await page.evaluate(
        async ({ set, locale, frames }) => {
          const fp = (window as unknown as { formPage: FormPage }).formPage;
          window.scrollTo(0, 0);
          fp.mount({ set, locale, bigFields: 200 });
          const fields = () => [...document.querySelectorAll('[data-tf-field]')];
          for (let i = 0; i < 50 && fields().length < 180; i++) await fp.nextFrame();
          const undrawn = () =>
            fields().filter(
              (f) =>
                !f.firstElementChild!.checkVisibility({ contentVisibilityAuto: true }) ||
                !f.querySelector('input')!.checkVisibility({ contentVisibilityAuto: true }),
            ).length;
          // Right after the rest rendered most of it is not drawn yet: the first frames stay cheap.
          const atFirst = undrawn();
          let frame = 0;
          while (frame < frames && undrawn() > 0) {
            await fp.nextFrame();
            frame++;
          }
          return { fields: fields().length, atFirst, left: undrawn(), scrollY: window.scrollY };
        },
        { set, locale, frames: FRAMES },
      );
      expect(seen.fields).toBe(180);
      expect(seen.atFirst).toBeGreaterThan(100);
      expect(seen.left).toBe(0);
      expect(seen.scrollY).toBe(0);
      // The whole form as a screenshot draws it: no blank band below the first screen.
      await page.screenshot({
        path: `${ARTIFACTS}drawn-ahead-${set}-${locale}-phone.png`,
        fullPage: true,
      });
      await page.evaluate(() => (window as unknown as { formPage: FormPage }).formPage.unmount());
    },
    60_000,
  );

  it('draws a far field a condition shows later, without a scroll to it', async () => {
    const drawn = await page.evaluate(async (set) => {
      const fp = (window as unknown as { formPage: FormPage }).formPage;
      window.scrollTo(0, 0);
      fp.mount({ set, locale: 'en', bigFields: 200 });
      const labelOf = (text: string) =>
        [...document.querySelectorAll<HTMLLabelElement>('[data-tf-field] label')].find(
          (l) => l.textContent === text,
        );
      // The form opened and was drawn ahead, as in the test above.
      for (let i = 0; i < 50 && !labelOf('Field 198'); i++) await fp.nextFrame();
      const undrawn = () => document.querySelector('[data-tf-field="far"]:not([data-tf-drawn])');
      for (let i = 0; i < 20 && undrawn(); i++) await fp.nextFrame();
      // Field 199 shows once Field 198 (an email, far down the form) has a value: typed by a
      // script, so the page stays at the top and nothing near the screen draws it.
      const input = labelOf('Field 198')!.control as HTMLInputElement;
      const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
      setter.call(input, 'a@example.com');
      input.dispatchEvent(new Event('input', { bubbles: true }));
      let label: HTMLLabelElement | undefined;
      for (let i = 0; i < 10 && !label; i++) {
        label = labelOf('Field 199');
        if (!label) await fp.nextFrame();
      }
      for (let i = 0; i < 3; i++) await fp.nextFrame();
      const out = {
        shown: label !== undefined,
        drawn: label?.checkVisibility({ contentVisibilityAuto: true }) ?? false,
        scrollY: window.scrollY,
      };
      fp.unmount();
      return out;
    }, set);
    expect(drawn).toEqual({ shown: true, drawn: true, scrollY: 0 });
  }, 60_000);
});
