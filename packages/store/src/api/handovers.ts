/** A handover (交接) of a record from one owner to another. */
export type Handover = {
  id: string;
  entity: string;
  recordId: string;
  fromUserId: string | null;
  toUserId: string;
  reason: string | null;
  summary: unknown;
  status: string;
  createdAt: number;
  /** When it was accepted, declined or cancelled (null while pending). */
  decidedAt?: number | null;
};

export type NewHandover = Omit<Handover, 'status' | 'decidedAt'> & {
  status?: string;
  decidedAt?: number | null;
};

/** Handovers (`handovers`). */
export type HandoverRepo = {
  insert(h: NewHandover): Promise<void>;
  /** A record's handovers, oldest first. */
  listFor(entity: string, recordId: string): Promise<Handover[]>;
  get(id: string): Promise<Handover | null>;
  /**
   * Decides a handover still in `from` status (e.g. pending -> accepted) and replaces its
   * summary when given; false when it was not in that status (someone decided first).
   */
  decide(
    id: string,
    from: string,
    to: { status: string; at: number; summary?: unknown },
  ): Promise<boolean>;
  /** Replaces a handover's summary (e.g. the customer's consent), whatever its status. */
  annotate(id: string, summary: unknown): Promise<void>;
  /** Handovers to `toUserId` in `status`, oldest first (at most `limit`, default 200). */
  listTo(toUserId: string, status: string, limit?: number): Promise<Handover[]>;
};
