import { afterEach, describe, expect, it, vi } from 'vitest';
import { request } from './client';
import { ApiError } from './problem';

afterEach(() => {
  vi.unstubAllGlobals();
});

/** A fetch that answers nothing until its signal aborts it, as the browser's does. */
const waitingFetch = vi.fn(
  (_path: string, init: RequestInit) =>
    new Promise<Response>((_resolve, reject) => {
      init.signal?.addEventListener('abort', () =>
        reject(new DOMException('The operation was aborted.', 'AbortError')),
      );
    }),
);

describe('request', () => {
  it("hands the caller's signal to fetch and rejects with its reason when it aborts", async () => {
    vi.stubGlobal('fetch', waitingFetch);
    const controller = new AbortController();
    const asked = request('GET', '/api/v1/views/all-leads/groups', undefined, controller.signal);
    expect(waitingFetch.mock.calls[0]![1].signal).toBe(controller.signal);
    const reason = new DOMException('left the page', 'AbortError');
    controller.abort(reason);
    // TanStack Query tells a cancelled query by this, not a network failure to show and retry.
    await expect(asked).rejects.toBe(reason);
  });

  it('still reports a failed fetch without a signal as the network failing', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(() => Promise.reject(new TypeError('Failed to fetch'))),
    );
    const asked = request('GET', '/api/v1/me');
    await expect(asked).rejects.toBeInstanceOf(ApiError);
    await expect(asked).rejects.toMatchObject({ status: 0, code: 'network' });
  });
});
