import type { StoreDb } from '@trellis/store';
import { newId } from '@trellis/store';
import { newToken, sha256Hex } from './secrets';

/** API tokens start with this prefix so secret scanners can recognise them. */
export const TOKEN_PREFIX = 'trl_';

type TokenRow = {
  id: string;
  name: string;
  role: string;
  user_id: string | null;
  created_by: string | null;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
};

export type TokenView = {
  id: string;
  name: string;
  role: string;
  userId: string | null;
  createdBy: string | null;
  createdAt: number;
  lastUsedAt: number | null;
  revokedAt: number | null;
};

const view = (r: TokenRow): TokenView => ({
  id: r.id,
  name: r.name,
  role: r.role,
  userId: r.user_id,
  createdBy: r.created_by,
  createdAt: r.created_at,
  lastUsedAt: r.last_used_at,
  revokedAt: r.revoked_at,
});

/** API tokens over `api_tokens`: only the sha256 of a token is stored; the token is shown once. */
export function tokensRepo(db: StoreDb) {
  const s = db.sqlite;
  return {
    issue(
      input: { name: string; role: string; userId: string | null; createdBy: string | null },
      now: number,
    ): { token: string; view: TokenView } {
      const token = newToken(TOKEN_PREFIX);
      const id = newId();
      s.prepare(
        'INSERT INTO api_tokens (id, name, token_hash, role, user_id, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ).run(id, input.name, sha256Hex(token), input.role, input.userId, input.createdBy, now);
      return {
        token,
        view: view(s.prepare('SELECT * FROM api_tokens WHERE id = ?').get(id) as TokenRow),
      };
    },
    resolve(token: string, now: number): TokenView | null {
      if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return null;
      const row = s
        .prepare('SELECT * FROM api_tokens WHERE token_hash = ?')
        .get(sha256Hex(token)) as TokenRow | undefined;
      if (!row || row.revoked_at !== null) return null;
      if (row.last_used_at === null || now - row.last_used_at > 60_000)
        s.prepare('UPDATE api_tokens SET last_used_at = ? WHERE id = ?').run(now, row.id);
      return view(row);
    },
    list: (): TokenView[] =>
      (s.prepare('SELECT * FROM api_tokens ORDER BY created_at DESC').all() as TokenRow[]).map(
        view,
      ),
    revoke: (id: string, now: number) =>
      s
        .prepare('UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL')
        .run(now, id).changes > 0,
  };
}
