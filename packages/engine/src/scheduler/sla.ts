/** A stage's SLA as written in the spec (contract: sla { noActivityFor?, maxDwell?, notify }). */
export type StageSla = { noActivityFor?: string; maxDwell?: string; notify?: string[] };

/** The times a due time is computed from (a record's system fields). */
export type SlaClock = { stageEnteredAt: number | null; lastActivityAt: number | null };

/** Which SLA rule gave the due time. */
export type SlaKind = 'noActivityFor' | 'maxDwell';

/**
 * When the record breaches its stage SLA, or null when the stage has none.
 * - `noActivityFor`: counted from the later of entering the stage and the last activity, so
 *   every logged activity resets it.
 * - `maxDwell`: counted from entering the stage only.
 * With both, the earlier due time wins. `parse` is @trellis/logic's parseDuration.
 */
export function computeSlaDueAt(
  sla: StageSla | null | undefined,
  clock: SlaClock,
  parse: (s: string) => number | null,
): { dueAt: number; kind: SlaKind } | null {
  if (!sla || clock.stageEnteredAt === null) return null;
  let best: { dueAt: number; kind: SlaKind } | null = null;
  if (sla.noActivityFor) {
    const ms = parse(sla.noActivityFor);
    if (ms !== null && ms > 0) {
      const from = Math.max(clock.stageEnteredAt, clock.lastActivityAt ?? 0);
      best = { dueAt: from + ms, kind: 'noActivityFor' };
    }
  }
  if (sla.maxDwell) {
    const ms = parse(sla.maxDwell);
    if (ms !== null && ms > 0) {
      const due = clock.stageEnteredAt + ms;
      if (best === null || due < best.dueAt) best = { dueAt: due, kind: 'maxDwell' };
    }
  }
  return best;
}

/**
 * Outbox event id of one breach. A breach is identified by the record, its stage and the due
 * time it missed: the sweep may see it many times, the unique id keeps one event; an activity
 * moves the due time, so a later miss is a new breach.
 */
export function breachEventId(
  entity: string,
  recordId: string,
  stage: string,
  dueAt: number,
): string {
  return `sla:${entity}:${recordId}:${stage}:${dueAt}`;
}
