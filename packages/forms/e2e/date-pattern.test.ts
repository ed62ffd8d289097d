// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { pageForFile } from './open-form-page';
import type { FormPage } from './form-page';

const page = pageForFile({ width: 390, height: 844 });

// The light set's empty date is a text input until used (the native one is costly to create).
// It shows the pattern the native input will: the browser's, whatever the form's language.
// This chromium's locale is en-US, where an empty native date input reads mm/dd/yyyy; a zh-CN
// form used to show 年/月/日 there and turn into mm/dd/yyyy when focused.
describe('the light set’s empty date in an en-US browser', () => {
  it.each(['zh-CN', 'en'] as const)(
    'shows mm/dd/yyyy in a %s form, as the native input',
    async (locale) => {
      const seen = await page.evaluate(async (locale) => {
        const fp = (window as unknown as { formPage: FormPage }).formPage;
        fp.mount({ set: 'light', locale });
        const input = document.querySelector<HTMLInputElement>('input[id$="-startDate"]')!;
        const before = { type: input.type, placeholder: input.placeholder };
        input.focus();
        await fp.nextFrame();
        const after = document.querySelector<HTMLInputElement>('input[id$="-startDate"]')!;
        const out = { before, after: after.type, language: navigator.language };
        fp.unmount();
        return out;
      }, locale);
      expect(seen.language).toBe('en-US');
      expect(seen.before).toEqual({ type: 'text', placeholder: 'mm/dd/yyyy' });
      expect(seen.after).toBe('date');
    },
  );
});
