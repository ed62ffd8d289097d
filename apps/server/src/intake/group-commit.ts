import type { StoreDb } from '@trellis/store';

/** Runs a synchronous unit of work inside the next group commit; settles after that commit. */
export type GroupCommit = <T>(work: () => T) => Promise<T>;

/**
 * Group commit for intake: submissions that arrive in the same turn of the event loop are
 * written in one transaction (one WAL commit instead of one each), each inside its own
 * savepoint so a failing one rolls back alone. Every caller's promise settles only after the
 * shared commit, so an answered submission is as durable as with a commit per request.
 */
export function createGroupCommit(db: StoreDb, maxBatch = 64): GroupCommit {
  type Job = { work: () => unknown; resolve: (v: unknown) => void; reject: (e: unknown) => void };
  const queue: Job[] = [];
  let scheduled = false;

  const flush = () => {
    scheduled = false;
    const jobs = queue.splice(0, maxBatch);
    if (queue.length > 0) schedule();
    const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
    try {
      // IMMEDIATE: take the write lock up front (waiting on busy_timeout), so a worker thread
      // writing through its own connection can never make this commit fail half-way.
      db.sqlite.transaction(() => {
        for (const job of jobs) {
          try {
            outcomes.push({ ok: true, value: db.transaction(job.work) });
          } catch (error) {
            outcomes.push({ ok: false, error });
          }
        }
      }).immediate();
    } catch (error) {
      // The commit itself failed: nothing of this batch is durable.
      for (const job of jobs) job.reject(error);
      return;
    }
    jobs.forEach((job, i) => {
      const o = outcomes[i]!;
      if (o.ok) job.resolve(o.value);
      else job.reject(o.error);
    });
  };
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(flush);
  };

  return <T>(work: () => T) =>
    new Promise<T>((resolve, reject) => {
      queue.push({ work, resolve: resolve as (v: unknown) => void, reject });
      schedule();
    });
}
