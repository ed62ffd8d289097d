import { stmt } from '../automations/db';
import type { Runtime } from '../automations/runtime';
import { DEFAULT_TIMEZONE } from '../automations/triggers/schedule';
import { decideSchedule, scheduleEventId } from './cron';

type StateRow = { next_due_at: number | null };

/**
 * Scheduler tick for cron automations: for each enabled `schedule` automation, decides from
 * its persisted next due time whether it fires now (missed occurrences after downtime are
 * coalesced into one run) and, in one transaction, appends the `schedule` event (unique id per
 * occurrence) and stores the new next due time. Returns the keys that fired.
 */
export function tickSchedules(rt: Runtime, now: number): string[] {
  const fired: string[] = [];
  for (const a of rt.spec().automations ?? []) {
    if (a.enabled === false || a.on.type !== 'schedule') continue;
    const on = a.on as { cron: string; timezone?: string };
    const tz = on.timezone ?? DEFAULT_TIMEZONE;
    // The timetable is part of the key: an edited cron starts afresh instead of firing on the old one.
    const key = `schedule:${a.key}:${on.cron}:${tz}`;
    const row = stmt(rt.db, `SELECT next_due_at FROM scheduler_state WHERE key = ?`).get(key) as
      StateRow | undefined;
    let d;
    try {
      d = decideSchedule(on.cron, row?.next_due_at ?? null, now, tz);
    } catch {
      continue; // an invalid cron is reported by validateSpec; it never fires
    }
    rt.db.transaction(() => {
      if (d.fire) {
        const ok = rt.outbox.append({
          id: scheduleEventId(a.key, d.occurrence),
          type: 'schedule',
          entity: (a.on as { entity?: string }).entity ?? null,
          recordId: null,
          payload: { automationKey: a.key, occurrence: d.occurrence, missed: d.missed },
          actorId: null,
          via: 'system',
          depth: 0,
          createdAt: now,
        });
        if (ok) fired.push(a.key);
      }
      stmt(
        rt.db,
        `INSERT INTO scheduler_state (key, last_fired_at, next_due_at, updated_at) VALUES (?, ?, ?, ?)
           ON CONFLICT(key) DO UPDATE SET last_fired_at = COALESCE(excluded.last_fired_at, scheduler_state.last_fired_at), next_due_at = excluded.next_due_at, updated_at = excluded.updated_at`,
      ).run(key, d.fire ? d.occurrence : null, d.nextDueAt, now);
    });
  }
  return fired;
}
