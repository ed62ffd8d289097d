import type { Locator, Page } from 'playwright-core';

/**
 * Opens the Ant Design select `select` (its combobox input) and picks the option titled
 * `option` from that select's own dropdown (a dropdown still closing from another select would
 * match a class-only locator and is not clickable).
 */
export async function choose(
  page: Page,
  select: Locator,
  option: string,
  opts: { search?: boolean } = {},
): Promise<void> {
  await select.click();
  // A long list renders only the options in view: typing narrows it to the one wanted.
  if (opts.search) await select.pressSequentially(option);
  // The listbox id is set once the dropdown has opened (a select rendered a moment ago has none).
  let list: string | null = null;
  for (let i = 0; i < 100 && !list; i++) {
    list = await select.getAttribute('aria-controls');
    if (!list) await page.waitForTimeout(50);
  }
  await page
    .locator(`[id="${list}"]`)
    .locator('xpath=..')
    .locator(`.ant-select-item-option[title="${option}"]`)
    .click();
}

/** The record count the list shows next to its toolbar ("25 records" / "共 25 条"). */
export async function listTotal(page: Page): Promise<number> {
  const text = await page.locator('.trellis-toolbar [aria-live="polite"]').innerText();
  return Number(/\d[\d,]*/.exec(text)?.[0]?.replace(/,/g, '') ?? NaN);
}
