import type { Candidate, CandidateTrace, CandidateVerdict } from './types';

/**
 * Why `c` may or may not receive a record. Members whose role the action does not name (a team's
 * supervisor when only reps take leads), inactive and away users are skipped (the brief: "skip
 * inactive or away users"); members at their cap or with weight 0 too.
 */
export function verdictOf(c: Candidate, skipInactive = true): CandidateVerdict {
  if (c.roleOk === false) return 'otherRole';
  if (skipInactive && c.status === 'disabled') return 'inactive';
  if (skipInactive && c.status === 'away') return 'away';
  if (c.weight <= 0) return 'zeroWeight';
  if (c.cap !== null && c.load >= c.cap) return 'atCap';
  return 'eligible';
}

/** Trace lines for every candidate, in the given order. */
export function traceCandidates(candidates: Candidate[], skipInactive = true): CandidateTrace[] {
  return candidates.map((c) => ({
    userId: c.userId,
    login: c.login,
    verdict: verdictOf(c, skipInactive),
    weight: c.weight,
    load: c.load,
    cap: c.cap,
  }));
}

/** Only the candidates that may receive a record now. */
export function eligible(candidates: Candidate[], skipInactive = true): Candidate[] {
  return candidates.filter((c) => verdictOf(c, skipInactive) === 'eligible');
}
