import type { HitCounter, HitWindow } from '@trellis/store';

type Gate = { ok: true } | { ok: false; retryAfterSec: number };

/**
 * A fixed-window limit per key, counted by the store (`maintenance.hits`): in the database on
 * PostgreSQL, so it holds across every server process; in memory on SQLite (one process per
 * file). Used for login attempts, webhook authentication failures and public intake per IP.
 * `hit` answers how long to wait when over the limit.
 */
export type RateLimiter = {
  hit(key: string, now: number): Promise<Gate>;
  /** Like hit, without counting this request. */
  check(key: string, now: number): Promise<Gate>;
  reset(key: string): Promise<void>;
};

/** `name` keeps the keys of different limits apart in the shared counters. */
export function createRateLimiter(
  counter: HitCounter,
  name: string,
  limit: number,
  windowMs: number,
): RateLimiter {
  const refuse = (w: HitWindow, now: number): Gate => ({
    ok: false,
    retryAfterSec: Math.max(1, Math.ceil((w.start + windowMs - now) / 1000)),
  });
  return {
    async hit(key, now) {
      if (limit <= 0) return { ok: true };
      const w = await counter.hit(`${name}|${key}`, windowMs, now);
      return w.count > limit ? refuse(w, now) : { ok: true };
    },
    async check(key, now) {
      if (limit <= 0) return { ok: true };
      const w = await counter.peek(`${name}|${key}`, windowMs, now);
      return !w || w.count < limit ? { ok: true } : refuse(w, now);
    },
    reset: (key) => counter.forget(`${name}|${key}`),
  };
}
