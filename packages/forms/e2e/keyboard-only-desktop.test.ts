// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { pageForFile } from './open-form-page';
import type { FormPage } from './form-page';

const page = pageForFile({ width: 1280, height: 900 });

/**
 * Where the focus is: a field by its id less the form's prefix (`tf…-phone` → `phone`), `clear`
 * for an input's clear button that has an accessible name (a chosen option or date can be
 * cleared from the keyboard too), `submit` for the form's button.
 */
const focused = () =>
  page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    if (el.getAttribute('type') === 'submit') return 'submit';
    if (/-clear\b/.test(el.className) && el.getAttribute('aria-label')) return 'clear';
    return el.id.replace(/^tf[^-]*-/, '') || el.outerHTML.slice(0, 60);
  });

/**
 * Once the focus has come to a field drawn as a stand-in (select, number, date), the stand-in
 * swaps itself for Ant Design's widget and moves the focus into it: keys typed before that would
 * reach the stand-in. Waits until the focus is in a field and no longer in a stand-in.
 */
const live = () =>
  expect
    .poll(() =>
      page.evaluate(() => {
        const el = document.activeElement;
        // Between the two the focus is on the page's body for a moment.
        return el !== null && el !== document.body && el.closest('.tf-d-standin') === null;
      }),
    )
    .toBe(true);

// The web app's widget set with the keyboard only: a rep who never takes a hand off the keys,
// or anyone without a pointer. One Tab per stop, in form order; typing fills text, number and
// date inputs, arrows and Enter pick from Ant Design's lists (its select, the province / city
// cascader, the multiple select), Space flips the switch, Enter on the button submits. Nothing
// clicks, so a widget that needs a pointer, or that Tab cannot leave, fails it.
describe('the desktop set with the keyboard only', () => {
  it.each(['en', 'zh-CN'] as const)(
    'fills every field and submits (%s)',
    async (locale) => {
      await page.evaluate((locale) => {
        const fp = (window as unknown as { formPage: FormPage }).formPage;
        fp.mount({ set: 'desktop', locale });
        (document.activeElement as HTMLElement | null)?.blur();
      }, locale);
      const order: (string | null)[] = [];
      const tab = async () => {
        await page.keyboard.press('Tab');
        order.push(await focused());
        await live();
      };
      const type = (text: string) => page.keyboard.type(text);
      const press = async (...keys: string[]) => {
        for (const key of keys) await page.keyboard.press(key);
      };
      const expanded = () =>
        page.evaluate(() => document.activeElement?.getAttribute('aria-expanded'));
      /** Opens the focused field's list with the down arrow; waits until it is open. */
      const open = async () => {
        await press('ArrowDown');
        await expect.poll(expanded).toBe('true');
      };
      /**
       * Enter takes the highlighted option of a single choice; waits until its list has closed
       * (a Tab while it is still open would take the highlighted option again, and stay).
       */
      const pick = async () => {
        await press('Enter');
        await expect.poll(expanded).toBe('false');
      };
      await tab(); // name
      await type('Li Lei');
      await tab(); // phone, as people write it
      await type('138 0013 8000');
      await tab(); // email
      await type('li@example.com');
      await tab(); // course: the arrow opens the list on its first option, the next is "Design"
      await open();
      await press('ArrowDown');
      await pick();
      await tab(); // course's clear button
      await tab(); // budget, yuan
      await type('1200.5');
      await tab(); // age
      await type('20');
      // city: the list opens on the provinces; the right arrow opens the first province's
      // cities (loaded on demand), then moves into them; Enter takes the first city.
      await tab();
      await open();
      await press('ArrowDown', 'ArrowRight');
      await expect
        .poll(() => page.locator('.ant-cascader-menu').count(), { timeout: 10_000 })
        .toBe(2);
      await press('ArrowRight');
      await pick();
      await tab(); // city's clear button
      await tab(); // startDate: typed as the picker shows dates, Enter takes it
      await type('2026-03-01');
      await press('Enter');
      await tab(); // startDate's clear button
      await tab(); // vip: a switch
      await press('Space');
      // tags: both options picked with the list open, then Tab, with the list still open,
      // leaves (Ant Design's Select took it as "pick the highlighted one" and kept the focus).
      await tab();
      await open();
      await press('Enter', 'ArrowDown', 'Enter');
      await tab(); // tags' clear button
      await tab(); // notes
      await type('Evenings only');
      await tab(); // loss reason: its one option
      await open();
      await pick();
      await tab(); // loss reason's clear button
      await tab(); // the submit button (the formula is read-only text, not a stop)
      expect(order).toEqual([
        'name',
        'phone',
        'email',
        'course',
        'clear',
        'budget',
        'age',
        'city',
        'clear',
        'startDate',
        'clear',
        'vip',
        'tags',
        'clear',
        'notes',
        'lossReason',
        'clear',
        'submit',
      ]);
      await press('Enter');
      // What was sent, or (if the form refused) which fields it marked and what it said.
      const outcome = () =>
        page.evaluate(() => ({
          submitted: (window as unknown as { formPage: FormPage }).formPage.submitted,
          invalid: [...document.querySelectorAll('[aria-invalid="true"]')].map((e) => e.id),
          errors: [...document.querySelectorAll('.tf-d-error')].map((e) => e.textContent),
        }));
      await expect.poll(outcome).toMatchObject({
        invalid: [],
        errors: [],
        submitted: {
          name: 'Li Lei',
          phone: '+8613800138000',
          email: 'li@example.com',
          course: 'design',
          budget: 120050,
          age: 20,
          startDate: '2026-03-01',
          vip: true,
          tags: ['hot', 'parent'],
          notes: 'Evenings only',
          lossReason: 'price',
        },
      });
      // A city of the first province (its code ends in 00, not the province's 0000).
      const { city } = (await outcome()).submitted!;
      expect(city).toMatch(/^\d{4}00$/);
      expect(city).not.toMatch(/0000$/);
      await page.evaluate(() => (window as unknown as { formPage: FormPage }).formPage.unmount());
    },
    90_000,
  );
});
