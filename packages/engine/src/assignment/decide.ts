import { verdictOf, traceCandidates } from './candidates';
import { leastLoaded } from './least-loaded';
import { roundRobin } from './round-robin';
import { summarise } from './summary';
import type {
  AssignmentTrace,
  Candidate,
  MemberStatus,
  StrategyResult,
  StrategyState,
} from './types';

/** Assign action config (contract: assign{strategy, team?, user?, rules?, fallback?, weights?, caps?, skipInactive?}). */
export type AssignConfig = {
  strategy: 'roundRobin' | 'leastLoaded' | 'rules' | 'user';
  team?: string;
  user?: string;
  rules?: { if?: unknown; team?: string; user?: string }[];
  fallback?: { team?: string; user?: string };
  /** How a rule's or fallback's team is distributed (default roundRobin). */
  within?: 'roundRobin' | 'leastLoaded';
  /** Relative share per member login (default 1). */
  weights?: Record<string, number>;
  /** Maximum open records per member login. */
  caps?: Record<string, number>;
  /** Skip disabled and away users (default true). */
  skipInactive?: boolean;
  /** Only users with one of these roles take records (default: every member). */
  roles?: string[];
};

/** A user as the directory knows it. */
export type DirectoryUser = { userId: string; login: string; status: MemberStatus; role?: string };

/** What the decision needs from the outside, loaded lazily so unused teams cost nothing. */
export type AssignDeps = {
  teamMembers(team: string): Promise<DirectoryUser[]>;
  /** Finds a user by login or id. */
  user(loginOrId: string): Promise<DirectoryUser | null>;
  /** Open records currently owned by each user id. */
  loads(userIds: string[]): Promise<Record<string, number>>;
  state(key: string): Promise<StrategyState>;
  /** Evaluates a rule condition against the record. */
  matches(expr: unknown): boolean;
};

/** The decision plus the strategy states to persist (same transaction as the assignment). */
export type Decision = {
  userId: string | null;
  trace: AssignmentTrace;
  states: { key: string; state: StrategyState }[];
};

/** Persisted state key of a team strategy; shared by all automations so fairness is per team. */
export function stateKey(strategy: 'roundRobin' | 'leastLoaded', team: string): string {
  return `${strategy}:${team}`;
}

async function candidatesOf(
  users: DirectoryUser[],
  cfg: AssignConfig,
  deps: AssignDeps,
): Promise<Candidate[]> {
  const loads = await deps.loads(users.map((u) => u.userId));
  return users.map((u) => ({
    ...u,
    ...(cfg.roles ? { roleOk: cfg.roles.includes(u.role ?? '') } : {}),
    weight: cfg.weights?.[u.login] ?? 1,
    cap: cfg.caps?.[u.login] ?? null,
    load: loads[u.userId] ?? 0,
  }));
}

async function fromTeam(
  team: string,
  strategy: 'roundRobin' | 'leastLoaded',
  cfg: AssignConfig,
  deps: AssignDeps,
): Promise<{ result: StrategyResult; key: string }> {
  const key = stateKey(strategy, team);
  const cands = await candidatesOf(await deps.teamMembers(team), cfg, deps);
  const run = strategy === 'roundRobin' ? roundRobin : leastLoaded;
  return {
    result: run(cands, await deps.state(key), { team, skipInactive: cfg.skipInactive ?? true }),
    key,
  };
}

async function fromUser(
  ref: string,
  cfg: AssignConfig,
  deps: AssignDeps,
): Promise<StrategyResult & { unknown: boolean }> {
  const u = await deps.user(ref);
  const cands = u ? await candidatesOf([u], cfg, deps) : [];
  const c = cands[0];
  const ok = c !== undefined && verdictOf(c, cfg.skipInactive ?? true) === 'eligible';
  const base = {
    strategy: 'user' as const,
    candidates: traceCandidates(cands, cfg.skipInactive ?? true),
    chosen: ok ? (c as Candidate).userId : null,
    reason: !u ? 'none.unknownUser' : ok ? 'user.fixed' : 'none.allIneligible',
  };
  return {
    userId: base.chosen,
    state: { cursor: 0, data: {} },
    trace: { ...base, summary: summarise(base) },
    unknown: !u,
  };
}

/**
 * Decides who owns a record under `cfg`. Never throws; `userId: null` means nobody eligible
 * (the caller leaves the record unassigned / in the pool and logs the trace).
 */
export async function decideOwner(cfg: AssignConfig, deps: AssignDeps): Promise<Decision> {
  const within = cfg.within ?? 'roundRobin';
  if (cfg.strategy === 'roundRobin' || cfg.strategy === 'leastLoaded') {
    const { result, key } = await fromTeam(cfg.team ?? '', cfg.strategy, cfg, deps);
    return {
      userId: result.userId,
      trace: result.trace,
      states: result.userId ? [{ key, state: result.state }] : [],
    };
  }
  if (cfg.strategy === 'user') {
    const r = await fromUser(cfg.user ?? '', cfg, deps);
    return { userId: r.userId, trace: r.trace, states: [] };
  }
  // Ordered rules: the first matching rule that yields an eligible owner wins, then the fallback.
  const tried: NonNullable<AssignmentTrace['rulesTried']> = [];
  const targets: { rule: number | 'fallback'; team?: string; user?: string }[] = [];
  (cfg.rules ?? []).forEach((r, index) => {
    const matched = r.if === undefined || deps.matches(r.if);
    tried.push({ index, matched });
    if (matched)
      targets.push({
        rule: index,
        ...(r.team ? { team: r.team } : {}),
        ...(r.user ? { user: r.user } : {}),
      });
  });
  if (cfg.fallback) targets.push({ rule: 'fallback', ...cfg.fallback });
  let last: AssignmentTrace | null = null;
  for (const t of targets) {
    const entry = tried.find((x) => x.index === t.rule);
    if (t.team) {
      const { result, key } = await fromTeam(t.team, within, cfg, deps);
      last = withRule(result.trace, t.rule, tried);
      if (result.userId) {
        if (entry) entry.outcome = 'assigned';
        return {
          userId: result.userId,
          trace: withRule(result.trace, t.rule, tried),
          states: [{ key, state: result.state }],
        };
      }
      if (entry) entry.outcome = 'noEligibleMember';
    } else if (t.user) {
      const r = await fromUser(t.user, cfg, deps);
      last = withRule(r.trace, t.rule, tried);
      if (r.userId) {
        if (entry) entry.outcome = 'assigned';
        return { userId: r.userId, trace: withRule(r.trace, t.rule, tried), states: [] };
      }
      if (entry) entry.outcome = r.unknown ? 'unknownUser' : 'noEligibleMember';
    }
  }
  const base = last ?? {
    strategy: 'rules' as const,
    candidates: [],
    chosen: null,
    reason: 'none.noRuleMatched',
  };
  const none = {
    ...base,
    strategy: 'rules' as const,
    rulesTried: tried,
    chosen: null,
    reason: last ? 'none.allIneligible' : 'none.noRuleMatched',
  };
  return { userId: null, trace: { ...none, summary: summarise(none) }, states: [] };
}

function withRule(
  trace: AssignmentTrace,
  rule: number | 'fallback',
  tried: NonNullable<AssignmentTrace['rulesTried']>,
): AssignmentTrace {
  const { summary: _s, ...rest } = trace;
  const base = { ...rest, rule, rulesTried: tried.map((x) => ({ ...x })) };
  return { ...base, summary: summarise(base) };
}
