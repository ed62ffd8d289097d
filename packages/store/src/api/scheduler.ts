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
};
