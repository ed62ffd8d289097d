import type { Repos, SessionRow } from '@trellis/store';
import { newToken, sha256Hex } from './secrets';

/** Sessions live 14 days and slide: `last_seen_at` is touched at most once a minute. */
export const SESSION_TTL_MS = 14 * 24 * 3600_000;
const TOUCH_EVERY_MS = 60_000;

/** Sessions over the store's `sessions` table; the cookie holds the token, the table its sha256. */
export function sessionsRepo(store: Repos) {
  return {
    async create(
      userId: string,
      now: number,
      meta: { ip?: string | null; userAgent?: string | null },
    ): Promise<{ token: string; id: string; expiresAt: number }> {
      const token = newToken();
      const id = sha256Hex(token);
      const expiresAt = now + SESSION_TTL_MS;
      await store.sessions.insert({
        id,
        userId,
        createdAt: now,
        expiresAt,
        lastSeenAt: now,
        ip: meta.ip ?? null,
        userAgent: (meta.userAgent ?? '').slice(0, 300) || null,
      });
      return { token, id, expiresAt };
    },
    /** Resolves a cookie token to its session, or null when unknown or expired. */
    async resolve(token: string, now: number): Promise<SessionRow | null> {
      if (!token || token.length > 200) return null;
      const row = await store.sessions.get(sha256Hex(token));
      if (!row || row.expiresAt <= now) return null;
      if (now - row.lastSeenAt > TOUCH_EVERY_MS)
        await store.sessions.touch(row.id, now, now + SESSION_TTL_MS);
      return row;
    },
    remove: (id: string) => store.sessions.remove(id),
    /** Ends the user's sessions (all but `exceptId`, when given). */
    removeForUser: (userId: string, exceptId?: string) =>
      store.sessions.removeForUser(userId, exceptId),
    purgeExpired: (now: number) => store.sessions.purgeExpired(now),
  };
}
