/** A stored answer to a request that carried an Idempotency-Key. */
export type StoredReply = { status: number; body: unknown };

/** Replay protection (`idempotency_keys`). */
export type IdempotencyRepo = {
  get(key: string): Promise<StoredReply | null>;
  /** Stores the answer unless the key is already taken (the first answer stays). */
  put(key: string, scope: string, reply: StoredReply, at: number): Promise<void>;
};
