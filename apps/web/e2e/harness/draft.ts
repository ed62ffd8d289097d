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
