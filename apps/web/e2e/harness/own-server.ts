import { afterAll, beforeAll } from 'vitest';
import { startTrellis, type RunningTrellis } from './trellis';

type StartOptions = Parameters<typeof startTrellis>[0];

/** What a test's context says of its attempts (vitest's `task`). */
type Attempt = { result?: { retryCount?: number } | undefined };

/**
 * The demo server of a test file whose tests publish or move records between people (the shared
 * one stays as shipped, and the file sees nothing other files did there): started with `opts`,
 * then `opts.setUp` (say a spec published through the API), before the file's tests, stopped
 * after them. The object stays the same while the server behind it changes, so the file's
 * helpers keep using it.
 *
 * `freshOnRetry(task)`, first thing in a test that starts from the template as seeded: when CI
 * runs the test again after a failure (`retry: 1`), it stops the server and starts another, so the
 * retry does not start from what the failed attempt autosaved or published (s21: builder-rules'
 * retry met the loss reason its first attempt had added as its own). A test that reads what an
 * earlier test of the file published does not call it: a fresh server would not have that.
 */
export function ownServer(
  opts?: StartOptions & { setUp?: (server: RunningTrellis) => Promise<void> },
  timeout = 120_000,
): RunningTrellis & { freshOnRetry(task: Attempt): Promise<void> } {
  const { setUp, ...start } = opts ?? {};
  // Every server of the file, the first and a retry's, is set up alike.
  const started = async () => {
    const running = await startTrellis(start);
    try {
      await setUp?.(running);
    } catch (error) {
      await running.stop();
      throw error;
    }
    return running;
  };
  const server = {
    freshOnRetry: async (task: Attempt) => {
      if ((task.result?.retryCount ?? 0) === 0) return;
      await server.stop();
      Object.assign(server, await started());
    },
  } as RunningTrellis & { freshOnRetry(task: Attempt): Promise<void> };
  beforeAll(async () => {
    Object.assign(server, await started());
  }, timeout);
  afterAll(async () => {
    await server.stop?.();
  });
  return server;
}
