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
};

export type NewHandover = Omit<Handover, 'status'> & { status?: string };

/** Handovers (`handovers`). */
export type HandoverRepo = {
  insert(h: NewHandover): Promise<void>;
  /** A record's handovers, oldest first. */
  listFor(entity: string, recordId: string): Promise<Handover[]>;
};
