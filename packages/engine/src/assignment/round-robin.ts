import { eligible, traceCandidates } from './candidates';
import { summarise } from './summary';
import type { Candidate, StrategyResult, StrategyState } from './types';

/**
 * Weighted round robin over `candidates` (smooth weighted round robin, as in nginx): each pick
 * adds every eligible member's weight to its running score, takes the highest score (ties go
 * to the earlier member) and subtracts the total weight from the winner. With equal weights
 * this is plain rotation; with weights 2:1:1 the split is exactly 2:1:1 and evenly interleaved.
 * Ineligible members (inactive, away, at cap) are left out of the pick and keep their score.
 * `state.cursor` counts picks; `state.data.score` holds the running scores.
 */
export function roundRobin(
  candidates: Candidate[],
  state: StrategyState,
  opts: { team?: string; skipInactive?: boolean } = {},
): StrategyResult {
  const skipInactive = opts.skipInactive ?? true;
  const pool = eligible(candidates, skipInactive);
  const prev = (state.data.score ?? {}) as Record<string, number>;
  const score: Record<string, number> = {};
  // Keep only scores of current members so removed members do not linger forever.
  for (const c of candidates)
    score[c.userId] = typeof prev[c.userId] === 'number' ? (prev[c.userId] as number) : 0;
  let chosen: Candidate | null = null;
  if (pool.length > 0) {
    const total = pool.reduce((s, c) => s + c.weight, 0);
    for (const c of pool) {
      score[c.userId] = (score[c.userId] ?? 0) + c.weight;
      if (chosen === null || (score[c.userId] as number) > (score[chosen.userId] as number))
        chosen = c;
    }
    score[(chosen as Candidate).userId] = (score[(chosen as Candidate).userId] as number) - total;
  }
  const base = {
    strategy: 'roundRobin' as const,
    ...(opts.team !== undefined ? { team: opts.team } : {}),
    candidates: traceCandidates(candidates, skipInactive),
    chosen: chosen?.userId ?? null,
    reason: chosen ? 'roundRobin.next' : 'none.allIneligible',
  };
  return {
    userId: chosen?.userId ?? null,
    state: chosen ? { cursor: state.cursor + 1, data: { ...state.data, score } } : state,
    trace: { ...base, summary: summarise(base) },
  };
}
