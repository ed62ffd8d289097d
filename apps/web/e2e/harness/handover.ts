import type { Locator, Page } from 'playwright-core';

/** Runs a previewed rep-leaves plan through its confirm and waits for the done message. */
export async function runLeavePlan(page: Page, plan: Locator): Promise<void> {
  await plan.getByRole('button', { name: 'Run the handover' }).click();
  await page.locator('.ant-popconfirm').getByRole('button', { name: 'Run the handover' }).click();
  await page
    .getByText(/^Done: \d+ records? handed over$/)
    .first()
    .waitFor();
}
