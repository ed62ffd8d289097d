import type { Random } from './random';

/** One step of a funnel: the chance of reaching `stage` and the mean wait before it. */
export type FunnelStep = { stage: string; p: number; meanMs: number };

export type Walk = {
  stages: { stage: string; at: number }[];
  /** Where the record ended: the last stage reached, or `lost` when it dropped out and was closed. */
  outcome: 'open' | 'won' | 'lost';
};

/**
 * Walks a record through a funnel from `createdAt`: each step is reached with its chance after
 * an exponential wait; a record that drops out is closed as `lostStage` after another wait,
 * unless that moment is still in the future (then it stays open where it is). Nothing happens
 * after `now`.
 */
export function walkFunnel(
  r: Random,
  first: string,
  steps: readonly FunnelStep[],
  lostStage: string,
  createdAt: number,
  now: number,
): Walk {
  const stages = [{ stage: first, at: createdAt }];
  let at = createdAt;
  for (const [i, step] of steps.entries()) {
    const next = at + r.exponential(step.meanMs);
    if (!r.chance(step.p)) {
      const lostAt = at + r.exponential(step.meanMs * 1.5);
      if (lostAt > now) return { stages, outcome: 'open' };
      stages.push({ stage: lostStage, at: Math.round(lostAt) });
      return { stages, outcome: 'lost' };
    }
    if (next > now) return { stages, outcome: 'open' };
    at = Math.round(next);
    stages.push({ stage: step.stage, at });
    if (i === steps.length - 1) return { stages, outcome: 'won' };
  }
  return { stages, outcome: 'open' };
}

/** A creation time in the window, busier on weekdays and in spring and autumn. */
export function createdIn(r: Random, start: number, now: number): number {
  for (;;) {
    const t = start + r.next() * (now - start);
    const d = new Date(t + 8 * 3_600_000); // Shanghai wall clock
    const weekday = d.getUTCDay() === 0 || d.getUTCDay() === 6 ? 0.6 : 1;
    const month = d.getUTCMonth();
    const season = [2, 3, 4, 8, 9, 10].includes(month) ? 1 : 0.75;
    if (r.next() < weekday * season) {
      // Office hours mostly: move the time of day to 09:00-21:00 Shanghai.
      const day = t - (d.getUTCHours() * 3_600_000 + d.getUTCMinutes() * 60_000);
      return Math.min(now, Math.round(day + (9 + r.next() * 12) * 3_600_000));
    }
  }
}
