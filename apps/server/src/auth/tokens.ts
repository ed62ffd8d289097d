import type { Repos, TokenRow } from '@trellis/store';
import { newId } from '@trellis/store';
import { newToken, sha256Hex } from './secrets';

/** API tokens start with this prefix so secret scanners can recognise them. */
const TOKEN_PREFIX = 'trl_';

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
  userId: r.userId,
  createdBy: r.createdBy,
  createdAt: r.createdAt,
  lastUsedAt: r.lastUsedAt,
  revokedAt: r.revokedAt,
});

/** API tokens over `api_tokens`: only the sha256 of a token is stored; the token is shown once. */
export function tokensRepo(store: Repos) {
  return {
    async issue(
      input: { name: string; role: string; userId: string | null; createdBy: string | null },
      now: number,
    ): Promise<{ token: string; view: TokenView }> {
      const token = newToken(TOKEN_PREFIX);
      const row = {
        id: newId(),
        name: input.name,
        tokenHash: sha256Hex(token),
        role: input.role,
        userId: input.userId,
        createdBy: input.createdBy,
        createdAt: now,
      };
      await store.tokens.insert(row);
      return { token, view: view({ ...row, lastUsedAt: null, revokedAt: null }) };
    },
    async resolve(token: string, now: number): Promise<TokenView | null> {
      if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return null;
      const row = await store.tokens.byHash(sha256Hex(token));
      if (!row || row.revokedAt !== null) return null;
      if (row.lastUsedAt === null || now - row.lastUsedAt > 60_000)
        await store.tokens.touch(row.id, now);
      return view(row);
    },
    list: async (): Promise<TokenView[]> => (await store.tokens.list()).map(view),
    revoke: (id: string, now: number) => store.tokens.revoke(id, now),
    /** Revokes every live token bound to the user (password reset, role change, disable). */
    async revokeForUser(userId: string, now: number): Promise<number> {
      let n = 0;
      for (const t of await store.tokens.list())
        if (t.userId === userId && t.revokedAt === null && (await store.tokens.revoke(t.id, now)))
          n++;
      return n;
    },
  };
}
