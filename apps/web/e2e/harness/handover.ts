import type { Locator, Page, Response } from 'playwright-core';

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

/**
 * Clicks through `click` and answers the response to the POST it sends to a path ending in
 * `action` (`/release`, `/claim`, `/handover`). A click that sends nothing fails here, naming
 * the action, and the test can say what the server answered before it waits for a message on
 * the page: in s26 a release's timeline line and a refusal's message each missed their 30 s on
 * a first attempt, and the logs could not tell a click that sent nothing from a refusal.
 */
export async function answerTo(
  page: Page,
  action: string,
  click: () => Promise<void>,
): Promise<Response> {
  const sent = page.waitForRequest(
    (r) => r.method() === 'POST' && new URL(r.url()).pathname.endsWith(action),
  );
  await click();
  const request = await sent.catch((error: Error) => {
    throw new Error(`the click sent no POST …${action}: ${error.message.split('\n')[0]}`);
  });
  const response = await request.response();
  if (!response) throw new Error(`POST ${new URL(request.url()).pathname} was never answered`);
  return response;
}

/** Fails naming the request, its status and body, unless `response` has status `status`. */
export async function expectStatus(response: Response, status: number): Promise<void> {
  if (response.status() !== status)
    throw new Error(
      `POST ${new URL(response.url()).pathname} answered ${response.status()}, not ${status}: ${await response.text()}`,
    );
}
