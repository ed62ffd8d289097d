import type { EntityTableInfo } from './entity/entity-table';
import type { StoreResult } from './messages';
import type { AppShape } from './spec-shape';

/**
 * A record as the engine sees it: system fields in camelCase plus one property per field,
 * values in engine form (CONTRACT.md "Record values"). Missing values are null.
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

export type SortSpec = { field: string; dir?: 'asc' | 'desc' };

/** A compiled filter, e.g. the output of @trellis/logic compileToSql with `entityTable(e).columns`. */
export type WhereSql = { sql: string; params: readonly unknown[] };

export type ListQuery = {
  where?: WhereSql | null;
  /** Default: createdAt desc. The record id is always appended as the tie-breaker. */
  sort?: readonly SortSpec[];
  cursor?: string | null;
  /** Default 50, at most 1000. */
  limit?: number;
  /** Also return the number of records matching `where` (ignores the cursor). */
  count?: boolean;
  /** 'exclude' (default) hides soft-deleted records, 'only' lists the recycle bin. */
  deleted?: 'exclude' | 'only' | 'include';
};

export type ListPage = { records: StoredRecord[]; nextCursor: string | null; total?: number };

export type SearchOptions = { limit?: number; where?: WhereSql | null };

export type IdentityMatch = { key: string[]; record: StoredRecord };

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

export type OutboxRow = {
  id?: string;
  type: string;
  entity: string | null;
  recordId: string | null;
  payload: unknown;
  actorId: string | null;
  via: string | null;
  depth?: number;
  createdAt: number;
};

/**
 * Record persistence for one spec version. Dialect-specific SQL lives behind this interface
 * (SQLite now, PostgreSQL later). Expected failures (conflict, not found, bad cursor) are
 * returned as values; every method can run inside `transaction`.
 */
export interface RecordStore {
  readonly spec: AppShape;
  table(entity: string): EntityTableInfo | undefined;
  transaction<T>(fn: () => T): T;
  insert(entity: string, record: RecordInput, opts?: WriteOptions): StoreResult<StoredRecord>;
  /** Applies `patch` if the stored version equals `expectedVersion`; bumps version and updatedAt. */
  update(
    entity: string,
    id: string,
    patch: RecordInput,
    expectedVersion: number,
    opts?: WriteOptions,
  ): StoreResult<StoredRecord>;
  get(entity: string, id: string, opts?: { includeDeleted?: boolean }): StoredRecord | null;
  list(entity: string, query?: ListQuery): StoreResult<ListPage>;
  /** Live records sharing any complete identity key with `values` (e.g. the same phone). */
  findByIdentity(
    entity: string,
    values: RecordInput,
    opts?: { excludeId?: string },
  ): IdentityMatch[];
  /** Substring search over title, phone and email fields; newest first. */
  search(entity: string, query: string, opts?: SearchOptions): StoreResult<StoredRecord[]>;
  /**
   * Moves the search text of up to `limit` recently written records into the search index
   * (searches see those records before and after). Run it in a write transaction when the
   * database is not busy; returns how many it moved, 0 when none were waiting.
   */
  indexSearch(limit: number): number;
  /** Whether records wait for `indexSearch` (a plain read: no write lock). */
  searchBacklog(): boolean;
  softDelete(
    entity: string,
    id: string,
    opts?: WriteOptions & { expectedVersion?: number },
  ): StoreResult<StoredRecord>;
  restore(
    entity: string,
    id: string,
    opts?: WriteOptions & { expectedVersion?: number },
  ): StoreResult<StoredRecord>;
  /** The recycle bin: soft-deleted records, most recently deleted first. */
  listDeleted(entity: string, query?: Omit<ListQuery, 'deleted'>): StoreResult<ListPage>;
  writeHistory(rows: readonly HistoryRow[]): void;
  writeTransition(row: TransitionRow): void;
  /** Appends an outbox event and returns its sequence number. */
  writeOutbox(row: OutboxRow): number;
}
