import { writeTransaction } from '../db';
import type { Runtime } from '../runtime';
import type { AutomationEvent } from '../types';
import { processEvent } from './process-event';

/** What one drain did. */
export type DrainReport = { events: number; runs: number; failedEvents: number };

/**
 * Processes one claimed event and settles it: done, or released for a retry after an
 * unexpected error (after `maxAttempts` it is kept as processed with last_error).
 */
function settle(rt: Runtime, worker: string, event: AutomationEvent, report: DrainReport): void {
  try {
    // The event's runs, effects (each action in its own savepoint) and completion are one unit.
    rt.db.transaction(() => {
      report.runs += processEvent(rt, event).length;
      rt.outbox.complete(event.seq, worker, rt.now());
    });
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const dead = event.attempts >= rt.options.maxAttempts;
    rt.outbox.release(event.seq, worker, msg, rt.now() + rt.options.retryMs, dead, rt.now());
    report.failedEvents++;
  }
}

/**
 * Drains the outbox synchronously: claims batches (lease `leaseMs`) and processes them in
 * sequence order until nothing is claimable or `maxEvents` were handled. Effects are exactly
 * once per (event, automation, record, action) thanks to action_effects, so a crash at any
 * point and a rerun (by this or another worker once the lease expired) neither loses nor
 * repeats one.
 */
export function drain(
  rt: Runtime,
  opts: { maxEvents?: number; workerId?: string } = {},
): DrainReport {
  const worker = opts.workerId ?? rt.options.workerId;
  const max = opts.maxEvents ?? Number.POSITIVE_INFINITY;
  const report: DrainReport = { events: 0, runs: 0, failedEvents: 0 };
  while (report.events < max) {
    // One transaction per batch, one savepoint per event: a failing event rolls back alone,
    // and the batch costs one commit. A crash loses only the uncommitted batch, which is
    // claimed again and applied once (its effects never committed).
    let claimed = 0;
    try {
      const batch = rt.outbox.claim(
        worker,
        rt.now(),
        rt.options.leaseMs,
        Math.min(rt.options.batchSize, max - report.events),
      );
      claimed = batch.length;
      if (claimed === 0) break;
      const done = writeTransaction(rt.db, () => {
        const r: DrainReport = { events: 0, runs: 0, failedEvents: 0 };
        for (const event of batch) {
          settle(rt, worker, event, r);
          r.events++;
        }
        return r;
      });
      report.events += done.events;
      report.runs += done.runs;
      report.failedEvents += done.failedEvents;
    } catch {
      // Another process kept the database locked longer than busy_timeout: the batch rolled
      // back and stays claimed by this worker, which takes it again on its next drain.
      report.failedEvents += claimed;
      break;
    }
  }
  return report;
}
