/**
 * Assignment strategies pick an owner for a record. They are pure: the caller loads the
 * candidates (team members with status, weight, cap and current load) and the persisted
 * strategy state, and stores the returned state in the same transaction as the assignment.
 */

/** A user status as stored in `users.status`; only `active` users receive new records. */
export type MemberStatus = 'active' | 'away' | 'disabled';

/** One possible owner, as loaded by the caller. */
export type Candidate = {
  userId: string;
  login: string;
  status: MemberStatus;
  /** Relative share of new records (default 1). 0 means "never". */
  weight: number;
  /** Maximum open records this member may hold; null = no cap. */
  cap: number | null;
  /** Open records currently owned (only loaded when a cap or leastLoaded needs it). */
  load: number;
  /** False when the assign action names the roles that take records and this user has another. */
  roleOk?: boolean;
};

/** Persisted per-key strategy state (`assignment_state`). */
export type StrategyState = { cursor: number; data: Record<string, unknown> };

/** Why a candidate was or was not eligible. */
export type CandidateVerdict =
  'eligible' | 'otherRole' | 'inactive' | 'away' | 'atCap' | 'zeroWeight';

/** One line of the "why this owner" trace. */
export type CandidateTrace = {
  userId: string;
  login: string;
  verdict: CandidateVerdict;
  weight: number;
  load: number;
  cap: number | null;
};

/** The "why this owner" trace stored with every assignment and shown on the record timeline. */
export type AssignmentTrace = {
  strategy: 'roundRobin' | 'leastLoaded' | 'rules' | 'user';
  /** Team the owner was picked from (rules: the matched rule's or the fallback's team). */
  team?: string;
  /** rules: index of the matched rule, or 'fallback'. */
  rule?: number | 'fallback';
  /** rules: rules that were tried and why each did not give an owner. */
  rulesTried?: {
    index: number;
    matched: boolean;
    outcome?: 'noEligibleMember' | 'assigned' | 'unknownUser';
  }[];
  candidates: CandidateTrace[];
  chosen: string | null;
  /** Stable code for the decision, e.g. 'roundRobin.next', 'leastLoaded.fewest', 'none.allIneligible'. */
  reason: string;
  /** Localized one-line explanation. */
  summary: { 'zh-CN': string; en: string };
};

/** Result of a strategy: the chosen user (or null) plus the new state and the trace. */
export type StrategyResult = {
  userId: string | null;
  state: StrategyState;
  trace: AssignmentTrace;
};
