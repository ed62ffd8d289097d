/**
 * Runs independent writes of one unit side by side and waits for every one of them before
 * answering: on a PostgreSQL connection that pipelines, statements started together share one
 * round trip. The first failure is thrown only once all have settled, so the caller's unit is
 * never rolled back while one of them may still send a statement (it would land after the undo).
 */
export async function together(parts: readonly unknown[]): Promise<void> {
  const settled = await Promise.allSettled(parts);
  const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
}
