/** An email queued by an automation. */
export type NewEmail = { id: string; to: string; subject: string; body: string; createdAt: number };

export type EmailRow = {
  id: string;
  to: string;
  subject: string;
  body: string;
  status: 'pending' | 'sending' | 'sent' | 'failed';
  attempts: number;
  lastError: string | null;
  createdAt: number;
  sentAt: number | null;
};

/** Queued emails (`email_outbox`). */
export type EmailRepo = {
  enqueue(e: NewEmail): Promise<void>;
  anyPending(): Promise<boolean>;
  /** Takes up to `limit` pending emails, oldest first, marking them `sending`. */
  claim(limit: number): Promise<EmailRow[]>;
  sent(id: string, at: number): Promise<void>;
  /** A failed attempt: back to `pending`, or `failed` for good when `dead`. */
  failed(id: string, error: string, dead: boolean): Promise<void>;
  /** Emails a crashed process left `sending` go back to `pending`; returns how many. */
  resetSending(): Promise<number>;
  /** Newest first. */
  list(q?: { status?: EmailRow['status']; limit?: number }): Promise<EmailRow[]>;
};
