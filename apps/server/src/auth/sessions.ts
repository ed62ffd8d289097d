import type { StoreDb } from '@trellis/store';
import { newToken, sha256Hex } from './secrets';

/** Sessions live 14 days and slide: `last_seen_at` is touched at most once a minute. */
export const SESSION_TTL_MS = 14 * 24 * 3600_000;
const TOUCH_EVERY_MS = 60_000;

type SessionRow = { id: string; user_id: string; expires_at: number; last_seen_at: number };

/** Sessions over the store's `sessions` table; the cookie holds the token, the table its sha256. */
export function sessionsRepo(db: StoreDb) {
  const s = db.sqlite;
  return {
    create(
      userId: string,
      now: number,
      meta: { ip?: string | null; userAgent?: string | null },
    ): { token: string; id: string; expiresAt: number } {
      const token = newToken();
      const id = sha256Hex(token);
      const expiresAt = now + SESSION_TTL_MS;
      s.prepare(
        'INSERT INTO sessions (id, user_id, created_at, expires_at, last_seen_at, ip, user_agent) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ).run(
        id,
        userId,
        now,
        expiresAt,
        now,
        meta.ip ?? null,
        (meta.userAgent ?? '').slice(0, 300) || null,
      );
      return { token, id, expiresAt };
    },
    /** Resolves a cookie token to its session, or null when unknown or expired. */
    resolve(token: string, now: number): SessionRow | null {
      if (!token || token.length > 200) return null;
      const row = s
        .prepare('SELECT id, user_id, expires_at, last_seen_at FROM sessions WHERE id = ?')
        .get(sha256Hex(token)) as SessionRow | undefined;
      if (!row || row.expires_at <= now) return null;
      if (now - row.last_seen_at > TOUCH_EVERY_MS) {
        s.prepare('UPDATE sessions SET last_seen_at = ?, expires_at = ? WHERE id = ?').run(
          now,
          now + SESSION_TTL_MS,
          row.id,
        );
      }
      return row;
    },
    remove: (id: string) => void s.prepare('DELETE FROM sessions WHERE id = ?').run(id),
    removeForUser: (userId: string) =>
      void s.prepare('DELETE FROM sessions WHERE user_id = ?').run(userId),
    purgeExpired: (now: number) =>
      s.prepare('DELETE FROM sessions WHERE expires_at <= ?').run(now).changes,
  };
}
