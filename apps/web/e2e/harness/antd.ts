import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

/**
 * Opens the Ant Design select `select` (its combobox input) and picks the option titled
 * `option` from that select's own dropdown (a dropdown still closing from another select would
 * match a class-only locator and is not clickable). The pick is checked: a click that lands while
 * the dropdown is still sliding in can be lost on a busy machine, so until the select shows the
 * option it is opened and picked again (three tries). A select that acts on the pick and resets to
 * its placeholder (a bulk action, "move to…") cannot be checked so: `acts` skips the check, and
 * the caller checks the action's effect.
 */
export async function choose(
  page: Page,
  select: Locator,
  option: string,
  opts: { search?: boolean; acts?: boolean } = {},
): Promise<void> {
  if (opts.acts) return pickOnce(page, select, option, opts);
  const root = select.locator(
    'xpath=ancestor-or-self::*[contains(concat(" ", @class, " "), " ant-select ")][1]',
  );
  const shown = async () => (await root.innerText()).includes(option);
  for (let attempt = 1; ; attempt++) {
    await pickOnce(page, select, option, opts);
    try {
      await expect.poll(shown, { timeout: 5_000 }).toBe(true);
      return;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
}

async function pickOnce(
  page: Page,
  select: Locator,
  option: string,
  opts: { search?: boolean },
): Promise<void> {
  await select.click();
  // A long list renders only the options in view: typing narrows it to the one wanted.
  if (opts.search) {
    await select.fill('');
    await select.pressSequentially(option);
  }
  // The listbox id is set once the dropdown has opened (a select rendered a moment ago has none).
  let list: string | null = null;
  // Up to 30 s: on a busy machine a dropdown can take seconds to open, and a click that landed
  // while the select re-rendered opens nothing, so it is clicked again every 5 s.
  for (let i = 1; i <= 600 && !list; i++) {
    list = await select.getAttribute('aria-controls');
    if (list) break;
    await page.waitForTimeout(50);
    if (i % 100 === 0) await select.click();
  }
  if (!list) throw new Error(`choose(${option}): the select's dropdown never opened`);
  const options = page
    .locator(`[id="${list}"]`)
    .locator('xpath=..')
    .locator('.ant-select-item-option');
  // An option drawn with a color dot (a record form's choice) has no title: matched by its text.
  const exact = new RegExp(`^${option.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  const target = options
    .and(page.locator(`[title="${option}"]`))
    .or(options.filter({ hasText: exact }))
    .filter({ visible: true })
    .first();
  await settled(target);
  await target.click();
}

/**
 * Opens the Ant Design dropdown menu of `trigger` (the button of a `<Dropdown>`) and clicks its
 * item `name` once the menu has settled, then waits for the menu to close: antd closes it when
 * the item takes the click, so a click that went astray fails here, not steps later.
 */
export async function pickFromMenu(page: Page, trigger: Locator, name: string): Promise<void> {
  await trigger.click();
  // A menu still closing (an earlier pick's, with the same items) is not the one to click.
  const item = page
    .locator('.ant-dropdown:not(.ant-dropdown-hidden):not([class*="-leave"])')
    .getByRole('menuitem', { name, exact: true })
    .filter({ visible: true });
  await settled(item);
  await item.click();
  await item.waitFor({ state: 'hidden' });
}

/**
 * Waits until `target` (an item of a dropdown or select popup) stays where it is: its popup is
 * done sliding in (no animation running, no rc-motion class) and the item's box is the same on
 * two looks 100 ms apart. Playwright's own check (the same box on two frames) passes while the
 * popup is still being aligned — a popup placed above its select moves up as typing narrows its
 * list, a virtual list re-lays itself out a frame later — and on a busy machine the click then
 * lands where the item was: the popup stays open and nothing is picked.
 */
async function settled(target: Locator): Promise<void> {
  // A menu whose items load with their chunk can take long to appear on a busy machine.
  await target.waitFor({ timeout: 60_000 });
  let before = '';
  await expect
    .poll(
      async () => {
        const now = await target.evaluate((el) => {
          const popup = el.closest('.ant-dropdown, .ant-select-dropdown') ?? el;
          const moving =
            popup.getAnimations({ subtree: true }).length > 0 ||
            /-(appear|enter|leave)(-|\s|$)/.test(popup.className);
          const box = el.getBoundingClientRect();
          return moving ? 'moving' : [box.x, box.y, box.width, box.height].join();
        });
        const still = now !== 'moving' && now === before;
        before = now;
        return still;
      },
      { interval: 100, timeout: 15_000 },
    )
    .toBe(true);
}

/** The record count the list shows next to its toolbar ("25 records" / "共 25 条"). */
export async function listTotal(page: Page): Promise<number> {
  const text = await page.locator('.trellis-toolbar [aria-live="polite"]').innerText();
  return Number(/\d[\d,]*/.exec(text)?.[0]?.replace(/,/g, '') ?? NaN);
}

const SHOWS_VALUE = '.ant-select-content-has-value, .ant-select-selection-item';

/**
 * Picks the first option of the select labelled `label` in `scope`, then closes its dropdown.
 * A click on an option while the dropdown is still sliding in can be lost on a busy machine, so
 * the pick is checked (the select shows a value) and tried again. A multiple
 * select keeps its dropdown open over the next field: a click on `outside` closes it.
 */
export async function pickFirst(page: Page, scope: Locator, label: string, outside: Locator) {
  const input = scope.getByLabel(label, { exact: true });
  const select = input.locator(
    'xpath=ancestor::*[contains(concat(" ", @class, " "), " ant-select ")][1]',
  );
  for (let attempt = 1; ; attempt++) {
    await input.click();
    await expect.poll(() => input.getAttribute('aria-controls')).toBeTruthy();
    const list = await input.getAttribute('aria-controls');
    await page
      .locator(`[id="${list}"]`)
      .locator('xpath=..')
      .locator('.ant-select-item-option')
      .first()
      .click();
    if ((await input.getAttribute('aria-expanded')) === 'true') await outside.click();
    await expect.poll(() => input.getAttribute('aria-expanded')).toBe('false');
    // A value shows as a single select's `content-has-value` or a multiple select's tag; the
    // placeholder alone can hide for a moment while the dropdown closes, so it proves nothing.
    const picked = await expect
      .poll(() => select.locator(SHOWS_VALUE).count(), { timeout: 3_000 })
      .toBeGreaterThan(0)
      .then(
        () => true,
        () => false,
      );
    if (picked) return;
    if (attempt === 3) throw new Error(`no option of "${label}" could be picked`);
  }
}

/**
 * Clicks `button` in the modal `dialog` once the modal has zoomed in, then waits for it to close.
 * Under an integration run's load a click during the zoom was lost twice (builder-new-view's
 * removal and builder-capabilities' restore, session 27): the dialog stayed open and the test
 * waited 30 s for what came after, with no word of why. A lost click now fails at this step.
 */
export async function confirmModal(page: Page, dialog: Locator, button: Locator): Promise<void> {
  await dialog.waitFor();
  await expect.poll(() => page.locator('.ant-zoom-appear, .ant-zoom-enter').count()).toBe(0);
  await button.click();
  await dialog.waitFor({ state: 'hidden' });
}
