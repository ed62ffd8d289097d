// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { pageForFile } from './open-form-page';
import type { FormPage } from './form-page';

const page = pageForFile({ width: 390, height: 844 });

/** The id of the focused element, less the form's own prefix (`tf…-phone` → `phone`). */
const focused = () =>
  page.evaluate(() => (document.activeElement?.id ?? '').replace(/^tf[^-]*-/, '') || null);

/**
 * Presses Tab until the focus leaves the element it is in (a date input takes a Tab per part:
 * month, day, year), then says which field (by id) has the focus.
 */
async function tab(): Promise<string | null> {
  const from = await focused();
  for (let i = 0; i < 4; i++) {
    await page.keyboard.press('Tab');
    const now = await focused();
    if (now !== from || from === null) return now;
  }
  return from;
}

// A person with a keyboard and no pointer (or a switch device, or a screen reader's keys) fills
// the whole form of the public page's set: Tab walks the fields in form order, typing fills
// text, Space checks, arrows pick from a group or a native select, Enter on the button submits.
// Nothing here clicks, so a field Tab skips or a widget that needs a pointer fails it.
describe('the light set with the keyboard only', () => {
  it.each(['en', 'zh-CN'] as const)(
    'fills every field and submits (%s)',
    async (locale) => {
      await page.evaluate((locale) => {
        const fp = (window as unknown as { formPage: FormPage }).formPage;
        fp.mount({ set: 'light', locale });
        (document.activeElement as HTMLElement | null)?.blur();
      }, locale);
      const order: (string | null)[] = [];
      const step = async (type?: string, ...keys: string[]) => {
        order.push(await tab());
        if (type) await page.keyboard.type(type);
        for (const key of keys) await page.keyboard.press(key);
      };
      await step('Li Lei'); // name
      await step('138 0013 8000'); // phone, as people write it
      await step('li@example.com'); // email
      await step(undefined, 'ArrowDown'); // course: radios, the arrow moves to and checks "Design"
      await step('1,200.5'); // budget, yuan
      await step('20'); // age
      await step(undefined, 'ArrowDown'); // city: the province select, first province
      // Its cities come with the province (loaded on demand), then a second select shows them.
      await page.waitForFunction(() => document.querySelectorAll('.tf-region select').length === 2);
      await step(undefined, 'ArrowDown'); // city: the city select that appears, first city
      // startDate: a date input's segments in the browser's order (en-US: month, day, year).
      await step('03012026');
      await step(undefined, 'Space'); // vip
      await step(undefined, 'Space'); // tags: "Hot"
      await step(undefined, 'Space'); // tags: "Parent"
      await step('Evenings only'); // notes
      await step(undefined, 'Space'); // loss reason: its one option, as a radio
      order.push(await tab()); // the submit button (the formula is read-only text, not a stop)
      const button = await page.evaluate(() => document.activeElement?.getAttribute('type'));
      const regions = await page.evaluate(() =>
        [...document.querySelectorAll<HTMLSelectElement>('.tf-region select')].map((s) => s.value),
      );
      expect(order).toEqual([
        'name',
        'phone',
        'email',
        'course',
        'budget',
        'age',
        'city',
        'city-1',
        'startDate',
        'vip',
        'tags',
        null, // the second checkbox of a group carries no id of its own
        'notes',
        'lossReason',
        null,
      ]);
      expect(button).toBe('submit');
      expect(regions).toHaveLength(2);
      await page.keyboard.press('Enter');
      // What was sent, or (if the form refused) which fields it marked and what it said.
      const outcome = () =>
        page.evaluate(() => ({
          submitted: (window as unknown as { formPage: FormPage }).formPage.submitted,
          invalid: [...document.querySelectorAll('[aria-invalid="true"]')].map((e) => e.id),
          errors: [...document.querySelectorAll('.tf-error')].map((e) => e.textContent),
        }));
      await expect.poll(outcome).toMatchObject({
        invalid: [],
        submitted: {
          name: 'Li Lei',
          phone: '+8613800138000',
          email: 'li@example.com',
          course: 'design',
          budget: 120050,
          age: 20,
          city: regions[1],
          startDate: '2026-03-01',
          vip: true,
          tags: ['hot', 'parent'],
          notes: 'Evenings only',
          lossReason: 'price',
        },
      });
      await page.evaluate(() => (window as unknown as { formPage: FormPage }).formPage.unmount());
    },
    60_000,
  );
});
