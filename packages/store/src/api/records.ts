import type { StoreResult } from '../messages';
import type { HistoryRow, TransitionRow } from './history';
import type { NewOutboxEvent } from './outbox';
import type { OwnershipChange } from './ownership';
import type { Touch } from './touches';

/**
 * A record as the engine sees it: system fields in camelCase plus one property per field,
 * values in engine form (docs/storage.md "Entity tables"). Missing values are null.
 */
export type StoredRecord = {
  id: string;
  createdAt: number;
  updatedAt: number;
  createdBy: string | null;
  ownerId: string | null;
  teamId: string | null;
  stage: string | null;
  stageEnteredAt: number | null;
  lastActivityAt: number | null;
  slaDueAt: number | null;
  version: number;
  deletedAt: number | null;
  [field: string]: unknown;
};

/** Values to write: field keys and writable system fields (id/createdAt/createdBy only on insert). */
export type RecordInput = Record<string, unknown>;

export type WriteOptions = { now?: number };

/**
 * The rows a new record is written with (`RecordRepo.create`): its first transition and touch
 * go in before the row (the row's report triggers file it under them at once, create.ts in the
 * engine says why), the rest after it, made from the record as stored.
 */
export type NewRecordRows = {
  /** Its first stage transition (written with no previous entry); null when the entity has no stages. */
  transition: TransitionRow | null;
  /** The intake touch that brought it; null when none. */
  touch: Touch | null;
  /** Called once with the stored record: its `$created` history, first holder's ledger entry (null: none) and `record.created` event. */
  after(record: StoredRecord): {
    history: HistoryRow;
    ownership: OwnershipChange | null;
    event: NewOutboxEvent;
  };
};

export type SortSpec = { field: string; dir?: 'asc' | 'desc' };

/** Values JSONLogic conditions may refer to: `{"var": "$user.id"}`, `now` for relative dates. */
export type LogicContext = {
  now?: number;
  user?: { id: string; teams: string[]; roles: string[] };
  /** IANA zone of `startOf` periods (today, this week); default UTC. */
  timeZone?: string;
};

/**
 * Which records of an entity a list returns. Conditions are JSONLogic over field keys and
 * camelCase system fields, compiled to SQL inside the store (`@trellis/logic` compileToSql with
 * the adapter's dialect): nothing outside the store writes SQL.
 */
export type RecordQuery = {
  /**
   * The caller's filter. When it cannot be compiled the answer is `invalid_filter` with
   * `params.errors` = `[{ path, code, message }]`, paths relative to the filter.
   */
  filter?: unknown;
  /** Conditions the caller does not choose (a permission scope), ANDed with `filter`. */
  scope?: unknown;
  /** `$user` and `now` for both conditions. */
  context?: LogicContext;
  /** Language of the filter's error messages; default the store's. */
  locale?: 'zh-CN' | 'en';
  /**
   * Substring search over the title, phone and email fields (Chinese fragments of 1-3
   * characters, phone suffixes). Fields in `hidden` do not match: a hidden phone cannot be
   * learnt by searching for its digits.
   */
  search?: { text: string; hidden?: readonly string[] };
  /** Default: createdAt desc. The record id is always appended as the tie-breaker. */
  sort?: readonly SortSpec[];
  cursor?: string | null;
  /** Default 50, at most 1000. */
  limit?: number;
  /** Also return the number of records matching (ignores the cursor). */
  count?: boolean;
  /** 'exclude' (default) hides soft-deleted records, 'only' lists the recycle bin. */
  deleted?: 'exclude' | 'only' | 'include';
};

export type ListPage = { records: StoredRecord[]; nextCursor: string | null; total?: number };

/**
 * Counts and sums of the live records a query selects, one row per value of `by` (board
 * column headers, workbench tiles). The same conditions as a list: filter, scope, search.
 */
export type GroupQuery = Pick<RecordQuery, 'filter' | 'scope' | 'context' | 'search'> & {
  /** Field or system field to group by (stage, a select or user field); none: one total row. */
  by?: string | null;
  /** Number, money or percent fields summed per group (money in minor units). */
  sums?: readonly string[];
  /** Largest groups kept (default and at most 500). */
  limit?: number;
};

/** One group: the value of `by` (null for records without one), its count and sums. */
export type GroupRow = { value: unknown; count: number; sums: Record<string, number | null> };

export type IdentityMatch = { key: string[]; record: StoredRecord };

/** A record whose SLA due time has passed (the SLA sweep reads them in due-time order). */
export type SlaDue = { id: string; stage: string; due: number };

/**
 * Records of the entities of one spec (`repos.records(spec)`). Expected failures (conflict,
 * not found, bad cursor, bad filter) are returned as values; the entity tables must exist
 * (publish the spec, or `migrations.syncEntityTables` in tests).
 */
export type RecordRepo = {
  /** Inserts a record; `id`, `createdAt`, `createdBy` may be given, the rest is managed. */
  insert(
    entity: string,
    record: RecordInput,
    opts?: WriteOptions,
  ): Promise<StoreResult<StoredRecord>>;
  /**
   * Inserts a new record with the rows of its creation (`rows`) in one call: on SQLite one
   * synchronous call instead of six repository calls and their promises; on PostgreSQL the same
   * statements, sent together. A refused row (a duplicate id, a bad value) is answered as a
   * value with the rows before it written: the caller rolls its unit back. `after` runs in the
   * store, so the call is never forwarded to another thread.
   */
  create(
    entity: string,
    record: RecordInput,
    rows: NewRecordRows,
    opts?: WriteOptions,
  ): Promise<StoreResult<StoredRecord>>;
  /**
   * Inserts many records at once (an import batch), each as `insert` would: one result per
   * input, in order. Multi-row statements where the adapter gains from them (PostgreSQL).
   */
  insertMany(
    entity: string,
    records: readonly RecordInput[],
    opts?: WriteOptions,
  ): Promise<StoreResult<StoredRecord>[]>;
  /** Applies `patch` if the stored version equals `expectedVersion`; bumps version and updatedAt. */
  update(
    entity: string,
    id: string,
    patch: RecordInput,
    expectedVersion: number,
    opts?: WriteOptions,
  ): Promise<StoreResult<StoredRecord>>;
  /**
   * One record. `lock` (inside a transaction): no other transaction changes the row until this
   * one ends, so what was read stays true (PostgreSQL: `FOR UPDATE`; SQLite has one writer).
   */
  get(
    entity: string,
    id: string,
    opts?: { includeDeleted?: boolean; lock?: boolean },
  ): Promise<StoredRecord | null>;
  /** One page of a list with keyset pagination over the sort fields plus id. */
  list(entity: string, query?: RecordQuery): Promise<StoreResult<ListPage>>;
  /** Counts and sums per value of `by`, largest groups first; `invalid_filter`/`unknown_field` as values. */
  group(entity: string, query: GroupQuery): Promise<StoreResult<GroupRow[]>>;
  /** Live records sharing any complete identity key with `values` (e.g. the same phone). */
  findByIdentity(
    entity: string,
    values: RecordInput,
    opts?: { excludeId?: string },
  ): Promise<IdentityMatch[]>;
  /** `findByIdentity` for each of many value sets (a bulk create): one list of matches each. */
  findByIdentityMany(entity: string, values: readonly RecordInput[]): Promise<IdentityMatch[][]>;
  /** Moves a record into the recycle bin (`deletedAt`); optimistic like `update`. */
  softDelete(
    entity: string,
    id: string,
    opts?: WriteOptions & { expectedVersion?: number },
  ): Promise<StoreResult<StoredRecord>>;
  restore(
    entity: string,
    id: string,
    opts?: WriteOptions & { expectedVersion?: number },
  ): Promise<StoreResult<StoredRecord>>;
  /**
   * Live records in one of `stages` whose SLA due time lies in (after, until], in (due, id)
   * order, starting after `after` (keyset), at most `limit`.
   */
  slaDue(
    entity: string,
    q: {
      stages: readonly string[];
      after: { due: number; id: string };
      until: number;
      limit: number;
    },
  ): Promise<SlaDue[]>;
  /** Ids of records (deleted too) whose file `fields` hold the file `fileId`; at most `limit`. */
  referencingFile(
    entity: string,
    fields: readonly string[],
    fileId: string,
    limit: number,
  ): Promise<string[]>;
  /**
   * Moves the search text of up to `limit` recently written records into the search index
   * (searches see those records before and after). Run it in a transaction when the database
   * is not busy; returns how many it moved, 0 when none were waiting.
   */
  indexSearch(limit: number): Promise<number>;
  /** Whether records wait for `indexSearch` (a plain read). */
  searchBacklog(): Promise<boolean>;
  /**
   * Moves up to `limit` of the report group changes written behind (SQLite: the records' and
   * transitions' changes of report_cohorts / report_cohort_months, and the first-touch changes of
   * report_touch_months, which reports read with the groups meanwhile) into the groups. SQLite
   * first settles up to `limit` records written since (their report rows kept behind the write,
   * sqlite/report-settle.ts), whose changes then join the queue; the answer counts the changes
   * moved. Run it in a transaction when the database is not busy;
   * returns how many it moved, 0 when none were waiting (always on PostgreSQL).
   */
  foldReportGroups(limit: number): Promise<number>;
  /** Whether report upkeep waits for `foldReportGroups` (a plain read). */
  reportBacklog(): Promise<boolean>;
};
