import type { SqlType } from '../entity/column-types';
import type { FieldShape } from '../spec-shape';

type Answer<T> = T | Promise<T>;

/**
 * What the planner may ask the database: how the tables really are and how the data looks.
 * Read-only; one implementation per dialect (sqlite/schema-probe.ts answers at once,
 * postgres/migration/schema-probe.ts with promises; see planning.ts).
 */
export interface SchemaProbe {
  /** Column name -> storage class, or null when the table does not exist. */
  columns(table: string): Answer<Map<string, SqlType> | null>;
  /** Archived tables of an entity, oldest first. */
  archivedTables(entity: string): Answer<string[]>;
  /** Records not in the recycle bin. */
  liveRows(table: string): Answer<number>;
  /** Records in the table, deleted or not. */
  allRows(table: string): Answer<number>;
  /** Live records whose column is NULL, '' or an empty JSON array. */
  countEmpty(table: string, column: string): Answer<number>;
  /** Live records in one of `stages`; with `empty`, only those whose column is empty (as countEmpty). */
  countInStages(table: string, stages: readonly string[], empty?: string): Answer<number>;
  countNonNull(table: string, column: string): Answer<number>;
  /** Live records whose (non-empty) values of `columns` are shared with another live record. */
  countDuplicates(table: string, columns: readonly string[]): Answer<number>;
  /** Records (deleted or not) whose select value is, or multiselect values contain, `option`. */
  countOption(table: string, column: string, option: string, multi: boolean): Answer<number>;
  /** Every non-null value of a column in engine form for `field`, with the record id. */
  values(
    table: string,
    column: string,
    field: FieldShape,
  ): Answer<Iterable<{ id: string; value: unknown }>>;
  /** Values archived when a field was removed: count and storage class (null when none). */
  archivedField(entity: string, field: string): Answer<{ count: number; sqlType: SqlType } | null>;
  /** The field as the most recent published spec that had it defined it. */
  previousField(entity: string, field: string): Answer<FieldShape | null>;
}
