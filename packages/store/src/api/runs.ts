import type { Keep, Page, PageRequest } from '../sql/keyset-page';
/** A row of the automation run log (`automation_runs`). JSON columns come back parsed. */
export type RunRow = {
  id: string;
  eventId: string | null;
  automationKey: string;
  triggerType: string;
  entity: string | null;
  recordId: string | null;
  matched: boolean;
  conditionTrace: unknown;
  actions: unknown[];
  status: 'matched' | 'skipped' | 'failed' | 'succeeded' | 'stopped';
  error: string | null;
  depth: number;
  startedAt: number;
  durationMs: number;
  dryRun: boolean;
};

/** Filter of the run log; every part optional, newest first. */
export type RunQuery = {
  automationKey?: string;
  entity?: string;
  recordId?: string;
  eventId?: string;
  status?: RunRow['status'];
  /** Default 100, at most 1000. */
  limit?: number;
  /** Only runs started before this time. */
  before?: number;
};

/** The automation run log. */
export type RunRepo = {
  /** Inserts a run, or updates the outcome of the run with the same id. */
  save(run: RunRow): Promise<void>;
  /** The (not dry) run of (event, automation, record) if one was started before. */
  find(eventId: string, automationKey: string, recordId: string | null): Promise<RunRow | null>;
  /** One page of the run log, newest first, without the runs `keep` refuses; null for a foreign cursor. */
  page(q: RunQuery, page: PageRequest, keep?: Keep<RunRow>): Promise<Page<RunRow> | null>;
  query(q: RunQuery): Promise<RunRow[]>;
  /** Runs over one record that contain an action of `actionType`, oldest first (not dry runs). */
  withAction(entity: string, recordId: string, actionType: string): Promise<RunRow[]>;
  /** Retention: deletes up to `limit` runs started before `before`, oldest first; returns how many went. */
  prune(before: number, limit: number): Promise<number>;
};

/** The stored outcome of one action under its idempotency key (EffectRepo.put's arguments). */
export type NewEffect = {
  key: string;
  runId: string | null;
  actionType: string;
  result: unknown;
  at: number;
};

/**
 * What processing one outbox event logged: its runs and its actions' effects, written with the
 * event's completion (OutboxRepo.finish) instead of one statement each.
 */
export type EventLog = { runs: RunRow[]; effects: NewEffect[] };

/** Idempotency of action effects per (event, automation, record, action). */
export type EffectRepo = {
  get(key: string): Promise<{ result: unknown } | null>;
  put(
    key: string,
    runId: string | null,
    actionType: string,
    result: unknown,
    now: number,
  ): Promise<void>;
  /** Retention: deletes up to `limit` effects recorded before `before`; returns how many went. */
  prune(before: number, limit: number): Promise<number>;
};
