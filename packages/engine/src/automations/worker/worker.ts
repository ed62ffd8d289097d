import { writeTransaction } from '../db';
import type { Runtime } from '../runtime';
import type { AutomationEvent } from '../types';
import { automationsFor, processEvent } from './process-event';
import { createRecordCache } from './record-cache';

/** What one drain did. */
export type DrainReport = { events: number; runs: number; failedEvents: number };

/**
 * Processes one claimed event in its own savepoint and settles it: done, or released for a
 * retry after an unexpected error (after `maxAttempts` it is kept as processed with
 * last_error). A failing event rolls back alone; its batch-mates stay.
 */
function settle(
  rt: Runtime,
  event: AutomationEvent,
  report: DrainReport,
  cache: ReturnType<typeof createRecordCache>,
): void {
  try {
    // Most events of a busy outbox (form.submitted, the updates and tasks automations cause)
    // have no automation listening: nothing to isolate, one statement marks them done.
    if (event.type !== 'sla.breached' && automationsFor(rt.spec(), event.type).length === 0)
      rt.outbox.finish(event.seq, rt.now());
    // The event's runs, effects (each action in its own savepoint) and completion are one unit.
    else
      rt.db.transaction(() => {
        report.runs += processEvent(rt, event, cache).length;
        rt.outbox.finish(event.seq, rt.now());
      });
  } catch (e) {
    // Records read or written by the rolled-back event may no longer be what the cache holds.
    cache.clear();
    const msg = e instanceof Error ? e.message : String(e);
    const dead = event.attempts >= rt.options.maxAttempts;
    rt.outbox.putBack(event.seq, msg, rt.now() + rt.options.retryMs, dead, rt.now());
    report.failedEvents++;
  }
}

/** Thrown out of a flattened drain transaction to roll it back and run it again with savepoints. */
const REDO = Symbol('redo with savepoints');

/**
 * One drain transaction. First without a savepoint per event and action (flattened: a quarter
 * less work per event); if any of them failed, its partial writes cannot be undone alone, so the
 * whole transaction rolls back and runs again with savepoints, where the failing event rolls
 * back alone and is put back for a retry. Nothing leaves the database inside a drain (deliveries
 * and emails are queued rows), so running it twice is safe.
 */
function drainTransaction(rt: Runtime, body: () => DrainReport): DrainReport {
  const flattened = rt.db.flattened?.bind(rt.db);
  if (flattened && !rt.db.sqlite.inTransaction) {
    try {
      return writeTransaction(rt.db, () =>
        rt.batch(() => {
          const { value, broken } = flattened(body);
          if (broken) throw REDO;
          return value;
        }),
      );
    } catch (error) {
      if (error !== REDO) throw error;
    }
  }
  return writeTransaction(rt.db, () => rt.batch(body));
}

/**
 * Drains the outbox synchronously until nothing is claimable, `maxEvents` were handled or
 * `transactions` write transactions were committed (the background loop commits one per step).
 *
 * Each write transaction (BEGIN IMMEDIATE) takes the next free events (`batchSize` at a time;
 * free = unprocessed, not waiting for a retry, not under another worker's lease), processes
 * them in sequence order (a savepoint per event only when one fails, see drainTransaction),
 * and takes more while it has run for less than `batchMs` (`contendedBatchMs` while intake
 * waits for the lock); then it commits. No lease is written: while the transaction holds the write
 * lock no other worker can take the same events, and the event's completion (or its putting
 * back for a retry), its runs and its effects commit together. A crash loses only the
 * uncommitted transaction, whose events are taken again and applied once (exactly once per
 * (event, automation, record, action) thanks to action_effects). One commit covers many
 * events, and the short `batchMs` keeps the write lock free for intake most of the time.
 */
export function drain(
  rt: Runtime,
  opts: { maxEvents?: number; transactions?: number; workerId?: string } = {},
): DrainReport {
  const worker = opts.workerId ?? rt.options.workerId;
  const max = opts.maxEvents ?? Number.POSITIVE_INFINITY;
  const report: DrainReport = { events: 0, runs: 0, failedEvents: 0 };
  for (let tx = 0; report.events < max && tx < (opts.transactions ?? Infinity); tx++) {
    // A plain read first: an idle worker never takes the write lock intake is waiting for.
    if (!rt.outbox.claimable(worker, rt.now())) break;
    let drained = false;
    const body = (): DrainReport => {
      drained = false;
      const r: DrainReport = { events: 0, runs: 0, failedEvents: 0 };
      // Within the transaction no other connection writes, so records read or written by
      // one event stay valid for the next (the cache drops them on any rollback).
      const cache = createRecordCache();
      const t0 = performance.now();
      const contended = rt.deps.contended;
      const inTime = () =>
        performance.now() - t0 < (contended?.() ? rt.options.contendedBatchMs : rt.options.batchMs);
      do {
        const room = max - report.events - r.events;
        const batch = rt.outbox.take(worker, rt.now(), Math.min(rt.options.batchSize, room));
        if (batch.length === 0) {
          drained = true;
          break;
        }
        for (const event of batch) {
          settle(rt, event, r, cache);
          r.events++;
          // Taken events carry no lease: the rest of the batch simply stays free for the
          // next transaction, so the lock is held about batchMs whatever batchSize is.
          if (!inTime()) break;
        }
      } while (r.events < max - report.events && inTime());
      return r;
    };
    try {
      const done = drainTransaction(rt, body);
      report.events += done.events;
      report.runs += done.runs;
      report.failedEvents += done.failedEvents;
    } catch {
      // Another process kept the database locked longer than busy_timeout (or the commit
      // failed): the transaction rolled back, claims included; the next drain tries again.
      report.failedEvents++;
      break;
    }
    if (drained) break;
  }
  return report;
}
