/** One field change of one write (`record_history`); a creation is one row with field `$created`. */
export type HistoryRow = {
  id?: string;
  changeId: string;
  entity: string;
  recordId: string;
  field: string;
  before: unknown;
  after: unknown;
  actorId: string | null;
  via: string;
  at: number;
};

/** One stage change (`stage_transitions`), with the time spent in the stage left. */
export type TransitionRow = {
  id?: string;
  entity: string;
  recordId: string;
  fromStage: string | null;
  toStage: string;
  actorId: string | null;
  via: string;
  at: number;
  dwellMs: number | null;
};

/** Field-level history of records. */
export type HistoryRepo = {
  append(rows: readonly HistoryRow[]): Promise<void>;
  /** A record's history rows, oldest first (`at`, then id). */
  listFor(entity: string, recordId: string): Promise<Required<HistoryRow>[]>;
};

/** Stage changes of records. */
export type TransitionRepo = {
  append(row: TransitionRow): Promise<void>;
  /** Appends many at once (a bulk write, e.g. an import batch): multi-row statements. */
  appendMany(rows: readonly TransitionRow[]): Promise<void>;
  /** A record's stage changes, oldest first. */
  listFor(entity: string, recordId: string): Promise<Required<TransitionRow>[]>;
  /**
   * Removes transitions by their own ids: a bulk create appends the first transitions before its
   * records and takes back those of records the store refused. Not by record id: a row refused
   * for its id names a record that exists, whose transitions must stay.
   */
  remove(ids: readonly string[]): Promise<void>;
};
