/**
 * A fixed-window counter per key, in memory (one process serves one SQLite file). Used for
 * login attempts and public intake per IP. `hit` answers how long to wait when over the limit.
 */
export type RateLimiter = {
  hit(key: string, now: number): { ok: true } | { ok: false; retryAfterSec: number };
  /** Like hit, without counting this request. */
  check(key: string, now: number): { ok: true } | { ok: false; retryAfterSec: number };
  reset(key: string): void;
};

export function createRateLimiter(limit: number, windowMs: number, maxKeys = 100_000): RateLimiter {
  const windows = new Map<string, { start: number; count: number }>();
  return {
    hit(key, now) {
      if (limit <= 0) return { ok: true };
      let w = windows.get(key);
      if (!w || now - w.start >= windowMs) {
        // Bound memory: drop the oldest entries when a flood of distinct keys arrives.
        if (windows.size >= maxKeys)
          for (const k of [...windows.keys()].slice(0, maxKeys / 10)) windows.delete(k);
        w = { start: now, count: 0 };
        windows.set(key, w);
      }
      w.count += 1;
      if (w.count > limit)
        return {
          ok: false,
          retryAfterSec: Math.max(1, Math.ceil((w.start + windowMs - now) / 1000)),
        };
      return { ok: true };
    },
    check(key, now) {
      const w = windows.get(key);
      if (!w || now - w.start >= windowMs || w.count < limit || limit <= 0) return { ok: true };
      return {
        ok: false,
        retryAfterSec: Math.max(1, Math.ceil((w.start + windowMs - now) / 1000)),
      };
    },
    reset: (key) => void windows.delete(key),
  };
}
