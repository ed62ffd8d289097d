import { describe, expect, it } from 'vitest';
import {
  decideOwner,
  leastLoaded,
  roundRobin,
  type AssignConfig,
  type AssignDeps,
  type Candidate,
  type DirectoryUser,
  type StrategyState,
} from '../../src/assignment';

const member = (login: string, over: Partial<Candidate> = {}): Candidate => ({
  userId: `u-${login}`,
  login,
  status: 'active',
  weight: 1,
  cap: null,
  load: 0,
  ...over,
});
const fresh = (): StrategyState => ({ cursor: 0, data: {} });

function runRoundRobin(members: Candidate[], n: number): Record<string, number> {
  let state = fresh();
  const counts: Record<string, number> = {};
  for (let i = 0; i < n; i++) {
    const r = roundRobin(members, state, { team: 't' });
    state = r.state;
    if (r.userId) counts[r.userId] = (counts[r.userId] ?? 0) + 1;
  }
  return counts;
}

describe('round robin', () => {
  it('rotates through the team in order and persists the cursor', () => {
    const team = [member('a'), member('b'), member('c')];
    let state = fresh();
    const order: string[] = [];
    for (let i = 0; i < 6; i++) {
      const r = roundRobin(team, state, { team: 'tech' });
      order.push(r.userId as string);
      // Round-trip the state through JSON as assignment_state stores it.
      state = JSON.parse(JSON.stringify(r.state)) as StrategyState;
    }
    expect(order).toEqual(['u-a', 'u-b', 'u-c', 'u-a', 'u-b', 'u-c']);
    expect(state.cursor).toBe(6);
  });

  it('is fair over 1,000 leads: counts differ by at most one', () => {
    const counts = runRoundRobin(
      [member('a'), member('b'), member('c'), member('d'), member('e'), member('f'), member('g')],
      1000,
    );
    const values = Object.values(counts);
    expect(values.reduce((s, v) => s + v, 0)).toBe(1000);
    expect(Math.max(...values) - Math.min(...values)).toBeLessThanOrEqual(1);
  });

  it('splits 1,000 leads by weight 2:1:1 exactly', () => {
    expect(runRoundRobin([member('a', { weight: 2 }), member('b'), member('c')], 1000)).toEqual({
      'u-a': 500,
      'u-b': 250,
      'u-c': 250,
    });
  });

  it('skips disabled and away users and says so in the trace', () => {
    const team = [
      member('a', { status: 'away' }),
      member('b'),
      member('c', { status: 'disabled' }),
    ];
    const counts = runRoundRobin(team, 1000);
    expect(counts).toEqual({ 'u-b': 1000 });
    const r = roundRobin(team, fresh(), { team: 'tech' });
    expect(r.trace.candidates.map((c) => c.verdict)).toEqual(['away', 'eligible', 'inactive']);
    expect(r.trace.summary.en).toContain('skipped a (away), c (inactive)');
    expect(r.trace.summary['zh-CN']).toContain('休假中');
  });

  it('skips a member at their cap and returns null when nobody is eligible', () => {
    const r = roundRobin(
      [member('a', { cap: 3, load: 3 }), member('b', { status: 'disabled' })],
      fresh(),
      { team: 'tech' },
    );
    expect(r.userId).toBeNull();
    expect(r.trace.reason).toBe('none.allIneligible');
    expect(r.state).toEqual(fresh());
  });

  it('does not skip away users when skipInactive is false', () => {
    expect(
      roundRobin([member('a', { status: 'away' })], fresh(), { skipInactive: false }).userId,
    ).toBe('u-a');
  });
});

describe('least loaded', () => {
  it('picks the member with the fewest open records', () => {
    const r = leastLoaded(
      [member('a', { load: 5 }), member('b', { load: 2 }), member('c', { load: 9 })],
      fresh(),
      { team: 't' },
    );
    expect(r.userId).toBe('u-b');
    expect(r.trace.summary.en).toContain('fewest open records');
  });

  it('stays fair over 1,000 leads as loads grow, honouring caps and weights', () => {
    const team = [
      member('a'),
      member('b', { weight: 3 }),
      member('c', { cap: 100 }),
      member('d', { status: 'away' }),
    ];
    let state = fresh();
    for (let i = 0; i < 1000; i++) {
      const r = leastLoaded(team, state, { team: 't' });
      state = r.state;
      const winner = team.find((m) => m.userId === r.userId) as Candidate;
      winner.load++;
    }
    const load = Object.fromEntries(team.map((m) => [m.login, m.load]));
    expect(load.d).toBe(0);
    expect(load.c).toBe(100);
    // a and b share the remaining 900 as 1:3.
    expect(load.a).toBe(225);
    expect(load.b).toBe(675);
  });
});

describe('decideOwner', () => {
  const users: Record<string, DirectoryUser> = {
    tom: { userId: 'u-tom', login: 'tom', status: 'active' },
    ann: { userId: 'u-ann', login: 'ann', status: 'active' },
    zoe: { userId: 'u-zoe', login: 'zoe', status: 'disabled' },
    max: { userId: 'u-max', login: 'max', status: 'active' },
  };
  const teams: Record<string, string[]> = {
    tech: ['tom', 'ann'],
    shanghai: ['zoe'],
    general: ['max'],
  };
  function deps(
    record: Record<string, unknown>,
  ): AssignDeps & { saved: Record<string, StrategyState> } {
    const saved: Record<string, StrategyState> = {};
    return {
      saved,
      teamMembers: async (t) => (teams[t] ?? []).map((l) => users[l] as DirectoryUser),
      user: async (ref) =>
        Object.values(users).find((u) => u.login === ref || u.userId === ref) ?? null,
      loads: async () => ({}),
      state: async (k) => saved[k] ?? fresh(),
      matches: (expr) => {
        const [field, value] = (expr as { '==': [{ var: string }, unknown] })['=='];
        return record[field.var] === value;
      },
    };
  }
  const rules: AssignConfig = {
    strategy: 'rules',
    rules: [
      { if: { '==': [{ var: 'course' }, 'python'] }, team: 'tech' },
      { if: { '==': [{ var: 'city' }, '310100'] }, team: 'shanghai' },
    ],
    fallback: { team: 'general' },
  };

  it('routes by the first matching rule and records which rule in the trace', async () => {
    const d = await decideOwner(rules, deps({ course: 'python' }));
    expect(d.userId).toBe('u-tom');
    expect(d.trace.rule).toBe(0);
    expect(d.trace.summary.en).toBe('rule 1 matched; round robin over team "tech" gave it to tom');
    expect(d.states).toEqual([
      {
        key: 'roundRobin:tech',
        state: { cursor: 1, data: { score: { 'u-tom': -1, 'u-ann': 1 } } },
      },
    ]);
  });

  it('falls through a rule whose team has nobody eligible, then to the fallback', async () => {
    const d = await decideOwner(rules, deps({ course: 'java', city: '310100' }));
    expect(d.userId).toBe('u-max');
    expect(d.trace.rule).toBe('fallback');
    expect(d.trace.rulesTried).toEqual([
      { index: 0, matched: false },
      { index: 1, matched: true, outcome: 'noEligibleMember' },
    ]);
  });

  it('leaves the record unassigned when nothing matches and there is no fallback', async () => {
    const d = await decideOwner({ ...rules, fallback: undefined }, deps({ course: 'java' }));
    expect(d.userId).toBeNull();
    expect(d.trace.reason).toBe('none.noRuleMatched');
    expect(d.states).toEqual([]);
  });

  it('assigns a fixed user and refuses a disabled one', async () => {
    expect((await decideOwner({ strategy: 'user', user: 'ann' }, deps({}))).userId).toBe('u-ann');
    const d = await decideOwner({ strategy: 'user', user: 'zoe' }, deps({}));
    expect(d.userId).toBeNull();
    expect(d.trace.candidates[0]?.verdict).toBe('inactive');
    expect((await decideOwner({ strategy: 'user', user: 'nobody' }, deps({}))).trace.reason).toBe(
      'none.unknownUser',
    );
  });
});
