import type { StoreResult } from '../messages';
import type { RecordQuery } from './records';

/**
 * Which live records a report counts: the caller's filter ANDed with a permission scope, both
 * JSONLogic compiled to SQL inside the store (as for lists).
 */
export type ReportScope = Pick<RecordQuery, 'filter' | 'scope' | 'context'>;

/** A half-open time range [from, to) in epoch ms; a missing end is unbounded. */
export type TimeRange = { from?: number; to?: number };

/**
 * A group key: a field's stored value, or a field cut into buckets at ascending `edges`
 * (bucket i holds edges[i] <= value < edges[i+1]; records outside every bucket are left out).
 * Edges are epoch ms for datetime fields, 'YYYY-MM-DD' text for date fields.
 */
export type GroupKey = { field: string; edges?: readonly (number | string)[] };

/**
 * What is measured per group: records, or over a field's non-null values the sum, average,
 * minimum, maximum, or `filled` = records whose value is not null, '' or an empty list.
 * `where` (JSONLogic, as a filter) measures only the group's records that match it: several
 * counts of one set of records in one read of them instead of one query each.
 */
export type Measure = (
  { op: 'count' } | { op: 'sum' | 'avg' | 'min' | 'max' | 'filled'; field: string }
) & { where?: unknown };

export type AggregateQuery = ReportScope & {
  /** Up to two group keys; none: one row over every selected record. */
  by?: readonly GroupKey[];
  measures: readonly Measure[];
};

/** One group: its key values (a bucket index for a bucketed key) and one value per measure. */
export type AggregateRow = { keys: unknown[]; values: (number | null)[] };

/** Stage transitions of the selected records, optionally per value of one record field. */
export type FlowQuery = ReportScope & {
  /** Only transitions made in this range. */
  at?: TimeRange;
  /** Record field the rows are split by (e.g. ownerId). */
  by?: string;
};

/** Distinct records that entered `stage`, per `key` (the value of `by`, null without it). */
export type EntryRow = { stage: string; key: unknown; records: number };

/**
 * Per record, the furthest stage it reached (highest rank among the stages it ever entered,
 * its current stage included), counted per rank and `key`. Stages without a rank are ignored;
 * records that reached no ranked stage are not counted.
 */
export type ReachQuery = ReportScope & {
  ranks: Readonly<Record<string, number>>;
  by?: string;
  /**
   * Stages whose records are also counted apart (`marked`): a leaderboard's lost records by
   * where they were lost, from the same pass as every record's furthest stage.
   */
  mark?: readonly string[];
};
/** `marked`: how many of the `records` are now in a `mark` stage (0 without `mark`). */
export type ReachRow = { rank: number; key: unknown; records: number; marked: number };

/**
 * Time spent in `stage` by the transitions that left it: count, mean, and the nearest-rank
 * median (value at rank ceil(n/2)) and p90 (rank ceil(0.9 n)), in ms.
 */
export type DwellRow = {
  stage: string;
  key: unknown;
  count: number;
  mean: number;
  median: number;
  p90: number;
};

/** Intake submissions merged into the selected records (duplicates merged), per `key`. */
export type MergeRow = { key: unknown; merges: number; records: number };

/** Intake log entries per source and status in a range, and each source's newest entry. */
export type IntakeRow = {
  kind: string;
  sourceKey: string;
  status: string;
  count: number;
  /** The newest entry with this status, in or out of the range (epoch ms). */
  last: number;
};

/**
 * Read-only aggregate queries for reports and dashboards (`repos.reports(spec)`), exact on
 * every dialect. Filters may also use the virtual field `stagesEntered` (every stage the record
 * ever entered, as a list: `{"in": ["trial", {"var": "stagesEntered"}]}`) and `assignDelayMs` (ms
 * from creation to the first owner, 0 when created owned, null while never owned), which lists
 * accept too.
 */
export type ReportRepo = {
  /** Counts, sums, averages of the selected records per group; groups in key order. */
  aggregate(entity: string, q: AggregateQuery): Promise<StoreResult<AggregateRow[]>>;
  /** Distinct records entering each stage (transitions in `q.at`). */
  entries(entity: string, q: FlowQuery): Promise<StoreResult<EntryRow[]>>;
  /** The furthest ranked stage each selected record reached, counted per rank. */
  reach(entity: string, q: ReachQuery): Promise<StoreResult<ReachRow[]>>;
  /** Time in stage of the transitions (in `q.at`) that left it, per stage. */
  dwell(entity: string, q: FlowQuery): Promise<StoreResult<DwellRow[]>>;
  /** Form and webhook submissions (in `q.at`) merged into an existing selected record. */
  merges(entity: string, q: FlowQuery): Promise<StoreResult<MergeRow[]>>;
  /** Form and webhook submissions per source and status (`count` in `at`, `last` ever). */
  intake(at: TimeRange): Promise<IntakeRow[]>;
};
