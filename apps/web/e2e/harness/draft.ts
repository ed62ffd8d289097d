import type { Page } from 'playwright-core';

/** The builder's draft on the server, as it saved it (null when there is none). */
export const draftSpec = <T>(page: Page) =>
  page.evaluate(async () => {
    const res = await fetch('/api/v1/spec/draft');
    return res.status === 404 ? null : ((await res.json()) as { spec: unknown }).spec;
  }) as Promise<T | null>;

/** Throws the draft away so the other browser tests see the published spec. */
export const discardDraft = (page: Page) =>
  page.evaluate(async () => {
    const res = await fetch('/api/v1/spec/draft');
    if (res.status === 404) return;
    const { revision } = (await res.json()) as { revision: number };
    await fetch('/api/v1/spec/draft', {
      method: 'DELETE',
      headers: { 'If-Match': `"${revision}"` },
    });
  });

/** Waits until the builder says every change is saved to the draft (in either language). */
export const draftSaved = (page: Page) =>
  page
    .locator('[data-testid=builder-save-status]')
    .getByText(/All changes saved|已全部保存/)
    .waitFor();
