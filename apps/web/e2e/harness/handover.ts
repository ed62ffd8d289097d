import type { Locator, Page } from 'playwright-core';

/** `POST /api/v1/users/:id/leave`, the run of a rep-leaves plan (not its preview). */
const isLeaveRun = (url: string, method: string) =>
  method === 'POST' && /^\/api\/v1\/users\/[^/]+\/leave$/.test(new URL(url).pathname);

/**
 * Runs a previewed rep-leaves plan through its confirm and waits for the done message. The
 * handover is done inside the request (every record in one transaction), so the wait follows
 * the request: sent at the confirm (a click that sends nothing fails here, at the locator's
 * timeout), then answered however long the server works on a busy machine — bounded by the
 * test's own timeout, not the locator's 30 s (stop 33: the done message missed 30 s under load
 * and the retry passed). A refused run fails with the server's answer.
 */
export async function runLeavePlan(page: Page, plan: Locator): Promise<void> {
  await plan.getByRole('button', { name: 'Run the handover' }).click();
  const sent = page.waitForRequest((r) => isLeaveRun(r.url(), r.method()));
  await page.locator('.ant-popconfirm').getByRole('button', { name: 'Run the handover' }).click();
  const answer = await (await sent).response();
  if (!answer?.ok())
    throw new Error(
      `the handover run was answered ${answer?.status() ?? 'never'}: ${await answer?.text()}`,
    );
  await page
    .getByText(/^Done: \d+ records? handed over$/)
    .first()
    .waitFor();
}
