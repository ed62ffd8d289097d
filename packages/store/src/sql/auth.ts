import type { SessionRepo, SessionRow } from '../api/sessions';
import type { TokenRepo, TokenRow } from '../api/tokens';
import { fromNum, fromNumOrNull, type Row, type SqlExec } from './exec';

const SESSION_COLS = 'id, user_id, created_at, expires_at, last_seen_at, ip, user_agent';

function toSession(r: Row): SessionRow {
  return {
    id: String(r.id),
    userId: String(r.user_id),
    createdAt: fromNum(r.created_at),
    expiresAt: fromNum(r.expires_at),
    lastSeenAt: fromNum(r.last_seen_at),
    ip: (r.ip as string | null) ?? null,
    userAgent: (r.user_agent as string | null) ?? null,
  };
}

/** sessions over portable SQL. */
export function sessionRepo(x: SqlExec): SessionRepo {
  return {
    async insert(s) {
      await x.run(`INSERT INTO sessions (${SESSION_COLS}) VALUES (?, ?, ?, ?, ?, ?, ?)`, [
        s.id,
        s.userId,
        s.createdAt,
        s.expiresAt,
        s.lastSeenAt,
        s.ip,
        s.userAgent,
      ]);
    },
    async get(id) {
      const r = await x.get(`SELECT ${SESSION_COLS} FROM sessions WHERE id = ?`, [id]);
      return r ? toSession(r) : null;
    },
    async touch(id, lastSeenAt, expiresAt) {
      await x.run('UPDATE sessions SET last_seen_at = ?, expires_at = ? WHERE id = ?', [
        lastSeenAt,
        expiresAt,
        id,
      ]);
    },
    async remove(id) {
      await x.run('DELETE FROM sessions WHERE id = ?', [id]);
    },
    async removeForUser(userId, exceptId) {
      return exceptId === undefined
        ? (await x.run('DELETE FROM sessions WHERE user_id = ?', [userId])).changes
        : (await x.run('DELETE FROM sessions WHERE user_id = ? AND id <> ?', [userId, exceptId]))
            .changes;
    },
    async purgeExpired(now) {
      return (await x.run('DELETE FROM sessions WHERE expires_at <= ?', [now])).changes;
    },
  };
}

const TOKEN_COLS =
  'id, name, token_hash, role, user_id, created_by, created_at, last_used_at, revoked_at';

function toToken(r: Row): TokenRow {
  return {
    id: String(r.id),
    name: String(r.name),
    tokenHash: String(r.token_hash),
    role: String(r.role),
    userId: (r.user_id as string | null) ?? null,
    createdBy: (r.created_by as string | null) ?? null,
    createdAt: fromNum(r.created_at),
    lastUsedAt: fromNumOrNull(r.last_used_at),
    revokedAt: fromNumOrNull(r.revoked_at),
  };
}

/** api_tokens over portable SQL. */
export function tokenRepo(x: SqlExec): TokenRepo {
  return {
    async insert(t) {
      await x.run(
        'INSERT INTO api_tokens (id, name, token_hash, role, user_id, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
        [t.id, t.name, t.tokenHash, t.role, t.userId, t.createdBy, t.createdAt],
      );
    },
    async byId(id) {
      const r = await x.get(`SELECT ${TOKEN_COLS} FROM api_tokens WHERE id = ?`, [id]);
      return r ? toToken(r) : null;
    },
    async byHash(hash) {
      const r = await x.get(`SELECT ${TOKEN_COLS} FROM api_tokens WHERE token_hash = ?`, [hash]);
      return r ? toToken(r) : null;
    },
    async list() {
      return (
        await x.all(`SELECT ${TOKEN_COLS} FROM api_tokens ORDER BY created_at DESC, id DESC`)
      ).map(toToken);
    },
    async touch(id, now) {
      await x.run('UPDATE api_tokens SET last_used_at = ? WHERE id = ?', [now, id]);
    },
    async revoke(id, now) {
      const r = await x.run(
        'UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL',
        [now, id],
      );
      return r.changes > 0;
    },
  };
}
