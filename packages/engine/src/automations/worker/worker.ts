import type { EventLog, Tx } from '@trellis/store';
import type { Runtime, Scope } from '../runtime';
import type { AutomationEvent } from '../types';
import { automationsFor, processEvent } from './process-event';
import { rememberPeople } from './people-memo';
import { createRecordCache, type RecordCache } from './record-cache';

/** What one drain did. */
export type DrainReport = { events: number; runs: number; failedEvents: number };

/**
 * Whether nothing runs for `event`: most events of a busy outbox (form.submitted, the updates
 * and tasks automations cause) have no automation listening, and a write may have asked for
 * none (an import with automations off). An SLA breach always notifies.
 */
function quiet(scope: Scope, event: AutomationEvent): boolean {
  if (event.type === 'sla.breached') return false;
  return (
    automationsFor(scope.spec, event.type).length === 0 ||
    (event.payload as { automations?: unknown } | null)?.automations === false
  );
}

/**
 * Processes one taken event in a unit of its own and settles it: done, or put back for a retry
 * after an unexpected error (after `maxAttempts` it is kept as processed with last_error). A
 * failing event rolls back alone; its batch-mates stay.
 */
async function settle(
  scope: Scope,
  tx: Tx,
  event: AutomationEvent,
  report: DrainReport,
  cache: RecordCache,
): Promise<void> {
  const { rt } = scope;
  try {
    // The event's runs, effects (each action in a unit of its own) and completion are one
    // unit; its runs and effects are written by the completing statement.
    await tx.transaction(async () => {
      const log: EventLog = { runs: [], effects: [] };
      report.runs += (await processEvent({ ...scope, log }, event, cache)).length;
      await tx.outbox.finish(event.seq, rt.now(), log);
    });
  } catch (e) {
    // Records read or written by the rolled-back event may no longer be what the cache holds.
    cache.clear();
    const msg = e instanceof Error ? e.message : String(e);
    const dead = event.attempts >= rt.options.maxAttempts;
    await tx.outbox.putBack(event.seq, msg, rt.now() + rt.options.retryMs, dead, rt.now());
    report.failedEvents++;
  }
}

/**
 * Drains the outbox until nothing is claimable, `maxEvents` were handled or `transactions`
 * drain transactions were committed (the background loop commits one per step).
 *
 * Each drain transaction takes the next free events (`batchSize` at a time; free =
 * unprocessed, not waiting for a retry, not under another worker's lease), processes them in
 * sequence order, each in a unit of its own, and takes more while it has run for less than
 * `batchMs` (`contendedBatchMs` while other writes wait for the writer); then it commits. No
 * lease is written: two transactions never take the same events (SQLite: one writer;
 * PostgreSQL: row locks), and the event's completion (or its putting back for a retry), its
 * runs and its effects commit together. A crash loses only the uncommitted transaction, whose
 * events are taken again and applied once (exactly once per (event, automation, record,
 * action) thanks to action_effects). On SQLite the store commits the transaction in a group
 * with the writes queued beside it and runs the group again with savepoints when a unit fails.
 */
export async function drain(
  rt: Runtime,
  opts: { maxEvents?: number; transactions?: number; workerId?: string } = {},
): Promise<DrainReport> {
  const worker = opts.workerId ?? rt.options.workerId;
  const max = opts.maxEvents ?? Number.POSITIVE_INFINITY;
  const report: DrainReport = { events: 0, runs: 0, failedEvents: 0 };
  let drained = true;
  for (let n = 0; report.events < max && n < (opts.transactions ?? Infinity); n++) {
    // A plain read first: an idle worker never queues a write transaction. Not after a
    // transaction that stopped for time: events were left, and the read is a round trip.
    if (drained && !(await rt.store.outbox.claimable(worker, rt.now()))) break;
    const body = async (tx: Tx): Promise<DrainReport> => {
      drained = false;
      const r: DrainReport = { events: 0, runs: 0, failedEvents: 0 };
      // Users and teams read once per drain transaction (people-memo.ts).
      const people = rememberPeople(tx);
      const scope = await rt.scope(people, people);
      // Records read or written by one event stay valid for the next: no one else writes
      // meanwhile (SQLite: one writer; PostgreSQL: the worker's reads lock the row until the
      // commit). The cache drops them on any rollback, which also frees a savepoint's locks.
      const cache = createRecordCache();
      const t0 = performance.now();
      const inTime = () =>
        performance.now() - t0 <
        (rt.contended() ? rt.options.contendedBatchMs : rt.options.batchMs);
      do {
        const room = max - report.events - r.events;
        const batch = await tx.outbox.take(worker, rt.now(), Math.min(rt.options.batchSize, room));
        if (batch.length === 0) {
          drained = true;
          break;
        }
        // Events nothing listens to have nothing to isolate or save: one statement marks them
        // all done (on PostgreSQL one round trip for the batch instead of one each).
        const busy = batch.filter((e) => !quiet(scope, e));
        if (busy.length < batch.length) {
          await tx.outbox.finishMany(
            batch.filter((e) => quiet(scope, e)).map((e) => e.seq),
            rt.now(),
          );
          r.events += batch.length - busy.length;
        }
        for (const event of busy) {
          await settle(scope, tx, event, r, cache);
          r.events++;
          // Taken events carry no lease: the rest of the batch simply stays free for the
          // next transaction, so the writer is held about batchMs whatever batchSize is.
          if (!inTime()) break;
        }
      } while (r.events < max - report.events && inTime());
      return r;
    };
    try {
      const done = await rt.store.transaction(body);
      report.events += done.events;
      report.runs += done.runs;
      report.failedEvents += done.failedEvents;
    } catch {
      // The commit failed (or another process kept the database locked): the transaction
      // rolled back, taken events included; the next drain tries again.
      report.failedEvents++;
      break;
    }
    if (drained) break;
  }
  return report;
}
