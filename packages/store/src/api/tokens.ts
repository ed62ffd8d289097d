/** An API token; only the sha256 of the token is stored. */
export type TokenRow = {
  id: string;
  name: string;
  tokenHash: string;
  role: string;
  userId: string | null;
  createdBy: string | null;
  createdAt: number;
  lastUsedAt: number | null;
  revokedAt: number | null;
};

/** API tokens (`api_tokens`). */
export type TokenRepo = {
  insert(t: Omit<TokenRow, 'lastUsedAt' | 'revokedAt'>): Promise<void>;
  byId(id: string): Promise<TokenRow | null>;
  byHash(hash: string): Promise<TokenRow | null>;
  /** Newest first. */
  list(): Promise<TokenRow[]>;
  touch(id: string, now: number): Promise<void>;
  /** False when unknown or already revoked. */
  revoke(id: string, now: number): Promise<boolean>;
};
