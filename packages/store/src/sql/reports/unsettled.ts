/**
 * Thrown by a read of the kept report rows, groups or queues that meets records waiting for
 * their settle (sqlite/report-settle.ts) on a connection that can neither settle them nor wait
 * for the writer to: a reader of this process while the writer holds a transaction (which may be
 * the reader's own caller's: waiting for the writer would never end). The report is then read
 * from the records instead (report-repo.ts), exact as of the reader's snapshot.
 */
export class Unsettled extends Error {
  constructor() {
    super('report rows wait for their settle');
  }
}

/** `read`'s answer, or null (the full query over the records) when the kept rows are unsettled. */
export async function unlessUnsettled<T>(read: () => Promise<T | null>): Promise<T | null> {
  try {
    return await read();
  } catch (e) {
    if (e instanceof Unsettled) return null;
    throw e;
  }
}
