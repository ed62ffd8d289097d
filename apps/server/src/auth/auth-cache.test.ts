import { describe, expect, it } from 'vitest';
import type { Repos } from '@trellis/store';
import { createAuthCache, invalidatingAuthWrites, type ResolvedCaller } from './auth-cache';

const caller = (expiresAt: number | null = null): ResolvedCaller => ({
  actor: { kind: 'token', role: 'sales', teams: [] },
  user: null,
  authVia: 'token',
  sessionId: null,
  expiresAt,
});

describe('auth cache', () => {
  it('keeps a caller for the TTL on the app clock, and not past a session end or a clock set back', () => {
    const cache = createAuthCache(1000);
    cache.put('t a', caller(), cache.generation(), 10_000);
    expect(cache.get('t a', 10_999)).toBeDefined();
    expect(cache.get('t a', 11_000)).toBeUndefined();
    cache.put('t a', caller(), cache.generation(), 10_000);
    expect(cache.get('t a', 9_999)).toBeUndefined();
    cache.put('s b', caller(10_500), cache.generation(), 10_000);
    expect(cache.get('s b', 10_499)).toBeDefined();
    expect(cache.get('s b', 10_500)).toBeUndefined();
  });

  it('does not keep a resolution that overlapped an auth write', () => {
    const cache = createAuthCache(1000);
    const seen = cache.generation();
    cache.invalidate(); // a revocation committed while the token was being read
    cache.put('t a', caller(), seen, 0);
    expect(cache.get('t a', 1)).toBeUndefined();
  });

  it('is emptied by writes that change who a credential stands for, not by touches', async () => {
    const cache = createAuthCache(1000);
    const calls: string[] = [];
    const repo = (name: string, methods: string[]) =>
      Object.fromEntries(
        methods.map((m) => [
          m,
          async () => {
            calls.push(`${name}.${m}`);
            // The write runs between the two invalidations: nothing cached meanwhile survives.
            cache.put('t during', caller(), cache.generation(), 0);
          },
        ]),
      );
    const store = {
      tokens: repo('tokens', ['touch', 'revoke', 'byHash']),
      sessions: repo('sessions', ['touch', 'remove']),
      users: repo('users', ['setStatus', 'setTeams', 'update']),
      teams: repo('teams', ['upsert']),
      records: () => 'records',
    } as unknown as Repos;
    const watched = invalidatingAuthWrites(store, cache);
    expect((watched.records as unknown as () => string)()).toBe('records');

    cache.put('t a', caller(), cache.generation(), 0);
    await watched.tokens.touch('x', 1);
    await watched.sessions.touch('x', 1, 2);
    expect(cache.get('t a', 1)).toBeDefined();
    for (const write of [
      () => watched.tokens.revoke('x', 1),
      () => watched.sessions.remove('x'),
      () => watched.users.setStatus('x', 'disabled', 1),
      () => watched.users.setTeams('x', []),
      () => watched.teams.upsert({ key: 'x', label: 'x' }),
    ]) {
      cache.put('t a', caller(), cache.generation(), 0);
      await write();
      expect(cache.get('t a', 1)).toBeUndefined();
      expect(cache.get('t during', 1)).toBeUndefined();
    }
    expect(calls).toContain('users.setTeams');
  });
});
