import { Cron } from 'croner';

/** Returns an error code when `pattern` is not a valid cron (or the timezone unknown), else null. */
export function cronError(pattern: string, timezone?: string): string | null {
  try {
    // croner accepts unknown zones silently; Intl refuses them.
    if (timezone) new Intl.DateTimeFormat('en', { timeZone: timezone });
    const c = new Cron(pattern, { paused: true, ...(timezone ? { timezone } : {}) });
    c.stop();
    return null;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

/** The first occurrence strictly after `after` (epoch ms), or null when there is none. */
export function nextOccurrence(pattern: string, after: number, timezone?: string): number | null {
  const c = new Cron(pattern, { paused: true, ...(timezone ? { timezone } : {}) });
  const d = c.nextRun(new Date(after));
  c.stop();
  return d ? d.getTime() : null;
}

/** What a scheduler tick should do for one schedule. */
export type ScheduleDecision =
  | { fire: false; nextDueAt: number | null }
  | { fire: true; occurrence: number; missed: number; nextDueAt: number | null };

/**
 * Decides whether a schedule fires at `now`, given its persisted `nextDueAt` (null = first
 * sight: start counting from `now`, do not fire for the past). After downtime, all missed
 * occurrences are coalesced into ONE run for the latest of them (`missed` counts the others),
 * so a restart catches up without running a job twice or flooding. The caller stores the new
 * `nextDueAt` in the same transaction as the event it emits (whose id includes `occurrence`).
 */
export function decideSchedule(
  pattern: string,
  nextDueAt: number | null,
  now: number,
  timezone?: string,
  maxScan = 10_000,
): ScheduleDecision {
  if (nextDueAt === null) return { fire: false, nextDueAt: nextOccurrence(pattern, now, timezone) };
  if (nextDueAt > now) return { fire: false, nextDueAt };
  let occurrence = nextDueAt;
  let missed = 0;
  for (let i = 0; i < maxScan; i++) {
    const n = nextOccurrence(pattern, occurrence, timezone);
    if (n === null || n > now) break;
    occurrence = n;
    missed++;
  }
  return { fire: true, occurrence, missed, nextDueAt: nextOccurrence(pattern, now, timezone) };
}

/** Outbox event id of one schedule occurrence (unique: the same occurrence never fires twice). */
export function scheduleEventId(automationKey: string, occurrence: number): string {
  return `schedule:${automationKey}:${occurrence}`;
}
