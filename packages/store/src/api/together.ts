const handled = () => {};

/**
 * Runs independent writes of one unit side by side and waits for every one of them before
 * answering: on a PostgreSQL connection that pipelines, statements started together share one
 * round trip. The first failure (in the order given) is thrown only once all have settled, so the
 * caller's unit is never rolled back while one of them may still send a statement (it would land
 * after the undo). Awaited one after the other, not through `Promise.allSettled`: its result
 * objects and per-part callbacks cost 1–2 µs a call, twice in every create.
 */
export async function together(parts: readonly unknown[]): Promise<void> {
  // A part that fails while an earlier one is still pending is not an unhandled rejection.
  for (const p of parts) if (p instanceof Promise) p.catch(handled);
  let failed = false;
  let reason: unknown;
  for (const p of parts) {
    try {
      await p;
    } catch (error) {
      if (!failed) {
        failed = true;
        reason = error;
      }
    }
  }
  if (failed) throw reason;
}
