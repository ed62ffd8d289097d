import type { Repos } from '@trellis/store';
import { WRITE_METHODS } from '@trellis/store';
import type { Actor, CurrentUser } from '../types';

/** Who a bearer token or session cookie stands for, as the auth middleware sets it. */
export type ResolvedCaller = {
  /** The actor without the request's locale (each request brings its own). */
  actor: Omit<Actor, 'locale'>;
  user: CurrentUser | null;
  authVia: 'token' | 'session';
  sessionId: string | null;
  /** When the session ends (clock of the app, ms); null for a token. */
  expiresAt: number | null;
};

/**
 * Callers resolved in the last second, by token or cookie. Resolving costs three reads and a
 * sha256 per request (~0.17 ms of the HTTP thread, the largest part of an API write after the
 * answer itself); a client sends the same token request after request.
 *
 * Revocation holds: every write to users, teams, sessions or tokens made through this app
 * (revoking a token, signing out, disabling a user, changing a role or teams) empties the cache
 * before and after it runs, and a resolution that overlapped such a write is not kept. Writes
 * of another process (the CLI, a second server on PostgreSQL) are seen within `ttlMs`.
 */
export type AuthCache = {
  /** The caller resolved for `key` less than `ttlMs` before `now` (the app's clock), if any. */
  get(key: string, now: number): ResolvedCaller | undefined;
  /** Keeps `value`, resolved at `now`, unless an auth write happened since `generation` was read. */
  put(key: string, value: ResolvedCaller, generation: number, now: number): void;
  /** Read before resolving; passed to `put`. */
  generation(): number;
  /** An auth write: forget everything. */
  invalidate(): void;
};

/** Default lifetime of an entry (ms): how long another process's revocation may go unseen. */
const AUTH_CACHE_TTL_MS = 1000;
/** More callers than this at once: the cache starts over (it only holds live credentials). */
const MAX_ENTRIES = 10_000;

export function createAuthCache(ttlMs = AUTH_CACHE_TTL_MS): AuthCache {
  let entries = new Map<string, { value: ResolvedCaller; at: number }>();
  let generation = 0;
  return {
    get(key, now) {
      const e = entries.get(key);
      if (!e) return undefined;
      // The app's clock, not a timer: a test that moves it a minute on sees the session touched,
      // as without the cache; a clock set back ends the entry too.
      const expired = now - e.at >= ttlMs || now < e.at;
      if (expired || (e.value.expiresAt !== null && e.value.expiresAt <= now)) {
        entries.delete(key);
        return undefined;
      }
      return e.value;
    },
    put(key, value, seen, now) {
      if (ttlMs <= 0 || seen !== generation) return;
      if (entries.size >= MAX_ENTRIES) entries = new Map();
      entries.set(key, { value, at: now });
    },
    generation: () => generation,
    invalidate() {
      generation++;
      entries = new Map();
    },
  };
}

/** Repositories whose writes can change who a credential stands for. */
const AUTH_REPOS = ['users', 'teams', 'sessions', 'tokens'] as const;
/** Writes that change nothing a resolution reads (last-seen times, new rows, expired sessions). */
const HARMLESS = new Set(['touch', 'insert', 'purgeExpired']);

/** `store` with every auth-relevant write invalidating `cache` before and after it runs. */
export function invalidatingAuthWrites(store: Repos, cache: AuthCache): Repos {
  // Everything else is the store itself (its prototype): only the four repositories differ.
  const out = Object.create(store) as Record<string, unknown>;
  for (const repo of AUTH_REPOS) {
    const original = store[repo] as unknown as Record<string, (...a: unknown[]) => unknown>;
    const wrapped: Record<string, unknown> = { ...original };
    for (const method of WRITE_METHODS[repo] as readonly string[]) {
      if (HARMLESS.has(method)) continue;
      wrapped[method] = async (...args: unknown[]) => {
        cache.invalidate();
        try {
          return await original[method]!.apply(original, args);
        } finally {
          cache.invalidate();
        }
      };
    }
    out[repo] = wrapped;
  }
  return out as unknown as Repos;
}
