/** A sign-in session; `id` is the sha256 of the cookie token. */
export type SessionRow = {
  id: string;
  userId: string;
  createdAt: number;
  expiresAt: number;
  lastSeenAt: number;
  ip: string | null;
  userAgent: string | null;
};

/** Sessions (`sessions`). */
export type SessionRepo = {
  insert(s: SessionRow): Promise<void>;
  get(id: string): Promise<SessionRow | null>;
  /** Slides a session: new last-seen and expiry times. */
  touch(id: string, lastSeenAt: number, expiresAt: number): Promise<void>;
  remove(id: string): Promise<void>;
  /** Ends the user's sessions (all but `exceptId`, when given); returns how many. */
  removeForUser(userId: string, exceptId?: string): Promise<number>;
  purgeExpired(now: number): Promise<number>;
};
