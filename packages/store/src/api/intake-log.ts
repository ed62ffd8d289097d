export type IntakeKind = 'form' | 'webhook';
export type IntakeStatus = 'accepted' | 'merged' | 'rejected' | 'unauthorized';
export type IntakeReason = { path: string; code: string; message: string };

/** One public form submission or intake webhook call, accepted or not. */
export type IntakeLogEntry = {
  id: string;
  kind: IntakeKind;
  sourceKey: string;
  status: IntakeStatus;
  httpStatus: number;
  reasons: IntakeReason[] | null;
  recordId: string | null;
  ip: string | null;
  idempotencyKey: string | null;
  at: number;
};

/** The intake log (`intake_log`): what builders read as a source's health. */
export type IntakeLogRepo = {
  append(e: IntakeLogEntry): Promise<void>;
  /** The newest entry of a source with one of `statuses` (after `after`, when given). */
  last(
    kind: IntakeKind,
    sourceKey: string,
    statuses: readonly IntakeStatus[],
    after?: number,
  ): Promise<IntakeLogEntry | null>;
  /** Entries per UTC day and status since `since` (epoch ms), oldest day first. */
  daily(
    kind: IntakeKind,
    sourceKey: string,
    since: number,
  ): Promise<{ day: number; status: IntakeStatus; count: number }[]>;
  /** The newest `limit` entries of a source. */
  recent(kind: IntakeKind, sourceKey: string, limit: number): Promise<IntakeLogEntry[]>;
};
