import { eligible, traceCandidates } from './candidates';
import { summarise } from './summary';
import type { Candidate, StrategyResult, StrategyState } from './types';

/**
 * Least loaded: the eligible member with the fewest open records relative to their weight
 * (load / weight) gets the record. Ties go to the member who was picked least often by this
 * strategy (`state.data.picks`), then to the earlier member, so equal teams rotate.
 */
export function leastLoaded(
  candidates: Candidate[],
  state: StrategyState,
  opts: { team?: string; skipInactive?: boolean } = {},
): StrategyResult {
  const skipInactive = opts.skipInactive ?? true;
  const picks = { ...((state.data.picks ?? {}) as Record<string, number>) };
  let chosen: Candidate | null = null;
  for (const c of eligible(candidates, skipInactive)) {
    if (chosen === null) {
      chosen = c;
      continue;
    }
    const a = c.load / c.weight;
    const b = chosen.load / chosen.weight;
    if (a < b || (a === b && (picks[c.userId] ?? 0) < (picks[chosen.userId] ?? 0))) chosen = c;
  }
  if (chosen) picks[chosen.userId] = (picks[chosen.userId] ?? 0) + 1;
  const base = {
    strategy: 'leastLoaded' as const,
    ...(opts.team !== undefined ? { team: opts.team } : {}),
    candidates: traceCandidates(candidates, skipInactive),
    chosen: chosen?.userId ?? null,
    reason: chosen ? 'leastLoaded.fewest' : 'none.allIneligible',
  };
  return {
    userId: chosen?.userId ?? null,
    state: chosen ? { cursor: state.cursor + 1, data: { ...state.data, picks } } : state,
    trace: { ...base, summary: summarise(base) },
  };
}
