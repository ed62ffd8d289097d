import type Database from 'better-sqlite3';
import type { EntityTableInfo } from '../entity/entity-table';
import type { StoreResult } from '../messages';
import type { AppShape } from '../spec-shape';
import type {
  GroupRow,
  IdentityMatch,
  NewRecordRows,
  RecordInput,
  SortSpec,
  StoredRecord,
  WriteOptions,
} from '../api/records';
import type { HistoryRow, TransitionRow } from '../api/history';
import type { NewOutboxEvent } from '../api/outbox';

/** A compiled condition over an entity table's columns (SQLite text, `?` parameters). */
export type WhereSql = { sql: string; params: readonly unknown[] };

/** A list as the SQLite record code runs it: the condition already compiled. */
export type ListQuery = {
  where?: WhereSql | null;
  /** The rows to list instead of the whole table (a subquery of it; PostgreSQL's list only). */
  source?: WhereSql;
  /**
   * PostgreSQL's list only: pick the page's ids first (`where` tested on the index that holds
   * the sort, without a table row), then read those rows (step-list.ts).
   */
  idsFirst?: boolean;
  sort?: readonly SortSpec[];
  cursor?: string | null;
  limit?: number;
  count?: boolean;
  deleted?: 'exclude' | 'only' | 'include';
};

/** A grouping as the SQLite record code runs it: the condition already compiled. */
export type GroupSqlQuery = {
  where?: WhereSql | null;
  by?: string | null;
  sums?: readonly string[];
  limit?: number;
};

export type SearchOptions = { limit?: number; where?: WhereSql | null };

/** An outbox row as the journal writer takes it. */
export type OutboxRow = Omit<NewOutboxEvent, 'id' | 'depth'> & { id?: string; depth?: number };

/**
 * The synchronous record store over one SQLite connection, for one spec version: the core the
 * asynchronous `RecordRepo` of the SQLite adapter runs on. Expected failures are values.
 */
export interface RecordStore {
  readonly spec: AppShape;
  /** The connection it runs on (the adapter's own SQL beside the record code). */
  connection(): Database.Database;
  table(entity: string): EntityTableInfo | undefined;
  transaction<T>(fn: () => T): T;
  insert(entity: string, record: RecordInput, opts?: WriteOptions): StoreResult<StoredRecord>;
  /** A new record with the rows of its creation (RecordRepo.create), synchronously. */
  create(
    entity: string,
    record: RecordInput,
    rows: NewRecordRows,
    opts?: WriteOptions,
  ): StoreResult<StoredRecord>;
  update(
    entity: string,
    id: string,
    patch: RecordInput,
    expectedVersion: number,
    opts?: WriteOptions,
  ): StoreResult<StoredRecord>;
  get(entity: string, id: string, opts?: { includeDeleted?: boolean }): StoredRecord | null;
  list(
    entity: string,
    query?: ListQuery,
  ): StoreResult<{ records: StoredRecord[]; nextCursor: string | null; total?: number }>;
  findByIdentity(
    entity: string,
    values: RecordInput,
    opts?: { excludeId?: string },
  ): IdentityMatch[];
  /** Counts and sums per value of `by` over the live records matching `where`. */
  group(entity: string, query: GroupSqlQuery): StoreResult<GroupRow[]>;
  search(entity: string, query: string, opts?: SearchOptions): StoreResult<StoredRecord[]>;
  indexSearch(limit: number): number;
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
  listDeleted(
    entity: string,
    query?: Omit<ListQuery, 'deleted'>,
  ): StoreResult<{ records: StoredRecord[]; nextCursor: string | null; total?: number }>;
  writeHistory(rows: readonly HistoryRow[]): void;
  writeTransition(row: TransitionRow): void;
  /** Appends an outbox event and returns its sequence number. */
  writeOutbox(row: OutboxRow): number;
}
