/** A stored answer to a request that carried an Idempotency-Key. */
export type StoredReply = { status: number; body: unknown };

/** Replay protection (`idempotency_keys`). */
export type IdempotencyRepo = {
  get(key: string): Promise<StoredReply | null>;
  /**
   * Inside a transaction: waits until no other transaction holds the same key, and holds it until
   * this one ends, so two requests racing with one key cannot both miss the stored reply
   * (PostgreSQL commits them side by side; SQLite's single writer already serialises them).
   */
  hold(key: string): Promise<void>;
  /** Stores the answer unless the key is already taken (the first answer stays). */
  put(key: string, scope: string, reply: StoredReply, at: number): Promise<void>;
};
