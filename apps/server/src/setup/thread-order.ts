/** How long the checkpoint thread waits for a count thread that does not start. */
const CHECKPOINTS_LATEST_MS = 10_000;

/**
 * When `trellis start`'s checkpoint thread starts: after the count thread has started (the
 * writer's start when there is none), or `latestMs` after the writer's start if
 * the count thread never does. Each thread's start-up compiles the server's code again (~0.4–0.8 s
 * of CPU): started beside the writer, the checkpoint thread took CPU from it on 2 cores while
 * the first sign-in's writes (its rate-limit count, its session) waited for the writer; the
 * workbench's counts after it wait for the count thread. Nothing waits for a checkpoint.
 */
export function checkpointsAfter(
  writerReady: Promise<unknown>,
  countsReady: Promise<unknown> | undefined,
  latestMs = CHECKPOINTS_LATEST_MS,
): Promise<unknown> {
  if (!countsReady) return writerReady;
  const late = writerReady.then(() => new Promise<void>((r) => setTimeout(r, latestMs).unref()));
  return Promise.race([countsReady, late]);
}
