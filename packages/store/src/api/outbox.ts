import type { EventLog } from './runs';

/** An event to append to the outbox (written in the same transaction as the change). */
export type NewOutboxEvent = {
  id: string;
  type: string;
  entity: string | null;
  recordId: string | null;
  payload: unknown;
  actorId: string | null;
  via: string | null;
  depth: number;
  createdAt: number;
};

/**
 * An outbox event as a worker takes it. `attempts` counts the current attempt. `payload` is
 * parsed on first use (most events of a busy outbox have no automation listening).
 */
export type OutboxEvent = {
  seq: number;
  id: string;
  type: string;
  entity: string | null;
  recordId: string | null;
  payload: Record<string, unknown>;
  actorId: string | null;
  via: string | null;
  depth: number;
  createdAt: number;
  attempts: number;
};

/**
 * What event streams read: the head of an event and the opaque cursor that resumes after it
 * (an SSE event id). Cursors are per adapter: SQLite's is the sequence number, PostgreSQL's the
 * committing transaction and the sequence number (sequence numbers are taken before commit).
 */
export type OutboxHead = {
  cursor: string;
  seq: number;
  type: string;
  entity: string | null;
  recordId: string | null;
  createdAt: number;
};

/**
 * The durable event outbox. Free events: unprocessed, not waiting for a retry
 * (`claimed_until` in the future), not leased by another worker.
 */
export type OutboxRepo = {
  /** Appends an event and returns its sequence number. */
  append(e: NewOutboxEvent): Promise<number>;
  /** Appends many events at once, in their order (a bulk write, e.g. an import batch). */
  appendMany(events: readonly NewOutboxEvent[]): Promise<void>;
  /** Appends unless an event with the same id exists (generated ids); true if written. */
  appendOnce(e: NewOutboxEvent): Promise<boolean>;
  /** Whether a free event exists (a read: no write lock). */
  claimable(worker: string, now: number): Promise<boolean>;
  /**
   * The next `limit` free events in sequence order, without writing a lease, for a caller that
   * finishes or puts them back in the same transaction. Two transactions never take the same
   * event (SQLite: one writer; PostgreSQL: `FOR UPDATE SKIP LOCKED`). `attempts` counts this one.
   */
  take(worker: string, now: number, limit: number): Promise<OutboxEvent[]>;
  /**
   * Marks a taken event done, counting the attempt, and saves `log` (its runs and effects, as
   * RunRepo.save and EffectRepo.put would) with it: on PostgreSQL in the same statement, one
   * round trip for an event's whole bookkeeping.
   */
  finish(seq: number, now: number, log?: EventLog): Promise<void>;
  /**
   * Marks taken events done that have nothing to save (no automation listens to them), as
   * `finish` would each: one statement for all of them.
   */
  finishMany(seqs: readonly number[], now: number): Promise<void>;
  /** Puts a taken event back after an error: retried at `retryAt`, or given up (processed, `lastError`) when `dead`. */
  putBack(seq: number, error: string, retryAt: number, dead: boolean, now: number): Promise<void>;
  /** Claims up to `limit` free events with a lease (one statement: two workers never share one). */
  claim(worker: string, now: number, leaseMs: number, limit: number): Promise<OutboxEvent[]>;
  /** Marks a claimed event done if this worker still holds it. */
  complete(seq: number, worker: string, now: number): Promise<boolean>;
  /** Releases a claimed event after an error (retry at `retryAt`, or dead). */
  release(
    seq: number,
    worker: string,
    error: string,
    retryAt: number,
    dead: boolean,
    now: number,
  ): Promise<void>;
  /** Events not yet processed. */
  pending(): Promise<number>;
  /** The highest sequence number, 0 when empty. */
  lastSeq(): Promise<number>;
  /**
   * Committed events after the cursor `after` (null: from the start) in commit order, at most
   * `limit`: an event that commits later never sorts before a cursor already handed out, so a
   * stream that moves its cursor along never skips one (event streams).
   */
  since(after: string | null, limit: number): Promise<OutboxHead[]>;
  /** The cursor of the present: `since(head())` returns only events that commit from now on. */
  head(): Promise<string>;
  /** Whether `cursor` is a cursor of this adapter (a client's Last-Event-ID is checked first). */
  cursorOk(cursor: string): boolean;
  /** Marks every unprocessed event processed (demo data: the past must not run today's automations). */
  markAllProcessed(now: number): Promise<number>;
  /**
   * Retention: deletes up to `limit` events processed before `before`, oldest first, and returns
   * how many went. The newest event always stays, so sequence numbers never go back.
   */
  prune(before: number, limit: number): Promise<number>;
};
