/** What the scheduler remembers per key (a cron automation, an SLA sweep, a silence alert). */
export type SchedulerState = { lastFiredAt: number | null; nextDueAt: number | null };

/** Scheduler state (`scheduler_state`). */
export type SchedulerRepo = {
  get(key: string): Promise<SchedulerState | null>;
  /** Sets `lastFiredAt` (keeps `nextDueAt`). */
  fired(key: string, at: number, now: number): Promise<void>;
  /** Sets `nextDueAt`, and `lastFiredAt` when `firedAt` is not null (else keeps it). */
  schedule(
    key: string,
    firedAt: number | null,
    nextDueAt: number | null,
    now: number,
  ): Promise<void>;
  /**
   * As `schedule`, only over the state the caller read (`seen`: null when there was none):
   * false, writing nothing, when another writer changed the next due time since. The scheduler's
   * tick decides from what it read, so a blind write would put back a next due time decided
   * from the old state over one written meanwhile (another leader's, an operator's).
   */
  scheduleFrom(
    key: string,
    seen: SchedulerState | null,
    firedAt: number | null,
    nextDueAt: number | null,
    now: number,
  ): Promise<boolean>;
};
