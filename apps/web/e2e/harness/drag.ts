import type { Locator, Page } from 'playwright-core';

/** Drags `card` with the mouse and drops it in the column `to`, as a person does. */
export async function dragCard(page: Page, card: Locator, to: Locator) {
  const box = (await card.boundingBox())!;
  const target = (await to.boundingBox())!;
  await page.mouse.move(box.x + 20, box.y + 10);
  await page.mouse.down();
  // A few small steps first: the board's drag starts only past its activation distance.
  await page.mouse.move(box.x + 40, box.y + 20, { steps: 4 });
  await page.mouse.move(target.x + 40, target.y + 60, { steps: 10 });
  await page.mouse.up();
}
