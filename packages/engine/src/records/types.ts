import type { StoredRecord, Tx } from '@trellis/store';
import type { EngineError, FieldError } from '../i18n/errors';
import type { OwnershipNote } from '../ownership/ledger';
import type { Actor, Locale, RecordData, Via } from '../ports';

/** Attribution of an intake: written to `touches` (UTM, referrer) for the record it created or merged into. */
export type TouchInput = {
  kind?: string;
  sourceKey?: string;
  utmSource?: string;
  utmMedium?: string;
  utmCampaign?: string;
  utmContent?: string;
  utmTerm?: string;
  referrer?: string;
  landingUrl?: string;
};

/** Options every engine call takes: who acts, through what, in which language. */
export type CallOptions = {
  actor: Actor;
  via?: Via;
  /** Locale of error messages; default the actor's, then the engine's. */
  locale?: Locale;
  /**
   * A transaction to run in (an automation's drain, intake's group commit, several engine calls
   * that must commit together): a write is then a unit of it, and reads see its writes.
   */
  tx?: Tx;
  /**
   * false: the events of this write run no automations (an import with automations off); the
   * events are still written (streams, webhooks, history see them).
   */
  automations?: boolean;
};

/** Paging of a list of system rows (activities, tasks): the contract of record lists. */
export type PageOptions = {
  /** Page size (default 50). */
  limit?: number;
  /** `nextCursor` of the previous page. */
  cursor?: string | null;
};

/** Options of a write. `depth` counts automation steps that led here (bounded recursion). */
export type WriteOptions = CallOptions & { depth?: number };

export type CreateOptions = WriteOptions & {
  /**
   * 'interactive' (default) refuses a duplicate; 'merge' (intake) fills the existing record's empty
   * fields; 'create' (intake of a form or webhook source declaring `mode: "create"`) skips the
   * identity lookup and always inserts a new record. Unique fields are enforced in every mode.
   */
  mode?: 'interactive' | 'merge' | 'create';
  touch?: TouchInput;
  /**
   * The normalized and validated values `records.prepareCreate` computed for the same entity,
   * values, actor and touch, maybe in another thread. Used when it was prepared under the spec
   * version in force for the same actor; otherwise the values are prepared again. Server code
   * only: a caller must never pass one built from a client's input.
   */
  prepared?: PreparedCreate;
};

/** Values of a create prepared ahead of its transaction (see `CreateOptions.prepared`). Plain data. */
export type PreparedCreate = {
  entity: string;
  specVersion: number;
  /** Who it was prepared for (kind, user, role): field permissions and messages depend on it. */
  actor: string;
  locale: string;
  next: Record<string, unknown>;
  changed: string[];
  errors: FieldError[];
};

export type PreparedCreateResult =
  { ok: true; prepared: PreparedCreate | null } | { ok: false; error: EngineError };

export type UpdateOptions = WriteOptions & {
  /** Why the owner changes, when the patch changes it (ownership ledger); default from the change. */
  ownership?: OwnershipNote;
  /** The version the caller read (optimistic concurrency). Omitted: the version read in the same transaction. */
  version?: number;
};

export type ChangeStageOptions = UpdateOptions & {
  /** Field values written together with the stage (e.g. the loss reason). */
  values?: RecordData;
};

/** A record as returned to callers (hidden fields removed for the actor). */
export type EngineRecord = StoredRecord;

export type RecordResult =
  | { ok: true; record: EngineRecord; merged?: boolean; changed?: string[] }
  | { ok: false; error: EngineError };

export type ListOptions = {
  /** JSONLogic filter over fields and system fields (compiled to SQL). */
  filter?: unknown;
  /** Sort keys; the id is always the final tie-breaker. Default createdAt desc. */
  sort?: { field: string; dir?: 'asc' | 'desc' }[];
  cursor?: string | null;
  /** Page size, default 50, at most 1000. */
  limit?: number;
  /** Also return the number of matching records. */
  count?: boolean;
  /** Substring search over title, phone and email (Chinese too). */
  search?: string;
  /** IANA time zone of `startOf` periods in the filter ("today", "this week"); default UTC. */
  timeZone?: string;
};

/** Counts and sums of the records a list would show, per value of one field. */
export type GroupOptions = Pick<ListOptions, 'filter' | 'search' | 'timeZone'> & {
  /** Field or system field to group by (stage, a select, user or boolean field); none: one total. */
  by?: string | null;
  /** Number, money or percent fields summed per group. */
  sums?: string[];
};

export type GroupResult =
  | { ok: true; groups: { value: unknown; count: number; sums: Record<string, number | null> }[] }
  | { ok: false; error: EngineError };

export type ListResult =
  | { ok: true; records: EngineRecord[]; nextCursor: string | null; total?: number }
  | { ok: false; error: EngineError };
