/** Where an import job is: queued/running until finished, or stopped by a person or an error. */
export type ImportJobStatus = 'running' | 'done' | 'cancelled' | 'failed';

/** What happened to one row of an import file (a dry run says what would happen). */
export type ImportOutcome = 'created' | 'updated' | 'skipped' | 'failed';

/** Counters of a job, as of its last committed batch. */
export type ImportCounts = {
  /** Data rows handled (every outcome). */
  rowsDone: number;
  created: number;
  updated: number;
  skipped: number;
  failed: number;
};

/** One import of a file into an entity: its settings, file and progress checkpoint. */
export type ImportJob = ImportCounts & {
  id: string;
  entity: string;
  /** A dry run writes no record, only the row report. */
  dryRun: boolean;
  status: ImportJobStatus;
  /** The user who started it (the import writes as them). */
  createdBy: string;
  fileName: string;
  /** The uploaded file kept for the job's life (resume reads it again). */
  filePath: string;
  /** How to read and map the file (engine's import options, JSON). */
  options: unknown;
  /** Data rows in the file, once counted. */
  rowsTotal: number | null;
  /**
   * The last file row (as the spreadsheet numbers it) whose batch committed: a resumed job
   * starts after it.
   */
  lastRow: number;
  /** Why a job failed as a whole (the file became unreadable …). */
  error: string | null;
  createdAt: number;
  updatedAt: number;
  finishedAt: number | null;
};

/** One row's result: every row of a dry run; failed and skipped rows of a real run. */
export type ImportRowResult = {
  jobId: string;
  /** File row number. */
  row: number;
  outcome: ImportOutcome;
  recordId: string | null;
  /** The row's problems in the job's language: `{column, field, code, message}`. */
  errors: { column: string | null; field: string | null; code: string; message: string }[];
  /** The row's cells as read (the error report gives them back to fix and re-import). */
  cells: unknown[];
};

/** Import jobs (`import_jobs`) and their row results (`import_rows`). */
export type ImportJobRepo = {
  insert(job: ImportJob): Promise<void>;
  get(id: string): Promise<ImportJob | null>;
  /** Newest first; `createdBy` limits to one person's jobs. */
  list(q: { entity?: string; createdBy?: string; limit: number }): Promise<ImportJob[]>;
  /** Jobs still `running` (after a restart: to resume), oldest first. */
  running(): Promise<ImportJob[]>;
  /**
   * Takes the job's lease for `holder` until `until`: true when the job is running and its lease
   * is free, expired (`until` of the last holder <= `now`) or already this holder's. Two
   * processes never both hold it; a holder that died loses it when its time runs out.
   */
  lease(id: string, holder: string, until: number, now: number): Promise<boolean>;
  /**
   * Saves the progress of a committed batch: counters, last row, row results. Call it in the
   * batch's transaction, so rows and checkpoint commit together (a resume never repeats a row).
   * Returns false (and writes nothing) when the job is no longer running (cancelled meanwhile),
   * or, with `lease`, when another holder has taken the job; otherwise the lease is renewed.
   */
  checkpoint(
    id: string,
    p: ImportCounts & { lastRow: number; at: number; lease?: { holder: string; until: number } },
    rows: ImportRowResult[],
  ): Promise<boolean>;
  /** Sets the row count once known. */
  setTotal(id: string, rowsTotal: number, at: number): Promise<void>;
  /** Ends a running job (done, cancelled or failed); false when it had already ended. */
  finish(
    id: string,
    status: Exclude<ImportJobStatus, 'running'>,
    at: number,
    error?: string | null,
  ): Promise<boolean>;
  /** Row results in file order after `afterRow`, optionally of some outcomes only. */
  rows(
    id: string,
    q: { afterRow?: number; outcomes?: readonly ImportOutcome[]; limit: number },
  ): Promise<ImportRowResult[]>;
  /** Removes a job and its row results. */
  remove(id: string): Promise<void>;
};
