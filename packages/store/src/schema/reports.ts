import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Maintained by triggers (sqlite/report-triggers.ts, the 0008 migration) in the transaction of
 * every write: one row per live record with what the cohort funnel and leaderboard group by.
 * `day` is the UTC day of creation (created_at / 86400000); owner, team and stage are '' for
 * none; `entered` lists the stages the record ever entered (its transitions), comma-separated.
 */
export const reportRows = sqliteTable(
  'report_rows',
  {
    entity: text('entity').notNull(),
    recordId: text('record_id').notNull(),
    day: integer('day').notNull(),
    ownerId: text('owner_id').notNull(),
    teamId: text('team_id').notNull(),
    stage: text('stage').notNull(),
    entered: text('entered').notNull(),
    createdAt: integer('created_at').notNull(),
    stageAt: integer('stage_at'),
  },
  (t) => [primaryKey({ columns: [t.entity, t.recordId] })],
);

/**
 * The report_rows counted per group (records, and the sums the averages need): what the cohort
 * funnel and the leaderboard read instead of every record (docs/reports.md).
 */
export const reportCohorts = sqliteTable(
  'report_cohorts',
  {
    entity: text('entity').notNull(),
    day: integer('day').notNull(),
    ownerId: text('owner_id').notNull(),
    teamId: text('team_id').notNull(),
    stage: text('stage').notNull(),
    entered: text('entered').notNull(),
    records: integer('records').notNull(),
    sumCreated: integer('sum_created').notNull(),
    sumStageAt: integer('sum_stage_at').notNull(),
    nStageAt: integer('n_stage_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.entity, t.day, t.ownerId, t.teamId, t.stage, t.entered] })],
);

/**
 * Period funnel groups (sql/reports/flow-sql.ts): per stage, UTC day, owner and team, the live
 * records whose first entry into the stage (earliest transition to it) fell on that day.
 * Emptied groups stay at 0 (the key space is bounded; readers sum).
 */
export const reportEntries = sqliteTable(
  'report_entries',
  {
    entity: text('entity').notNull(),
    stage: text('stage').notNull(),
    day: integer('day').notNull(),
    ownerId: text('owner_id').notNull(),
    teamId: text('team_id').notNull(),
    records: integer('records').notNull(),
  },
  (t) => [primaryKey({ columns: [t.entity, t.stage, t.day, t.ownerId, t.teamId] })],
);

/**
 * Every repeated entry of a record into a stage (not its first, by time then id) with the
 * entry before it (`prev_at`) and the class of the gap (`span`, flow-sql.ts SPAN_BOUNDS): a
 * period funnel counts a record that entered before the period and again inside it by its one
 * entry with prev_at < from <= at, found per class in a window as wide as the class's gaps.
 */
export const reportReentries = sqliteTable(
  'report_reentries',
  {
    id: text('id').notNull(),
    entity: text('entity').notNull(),
    recordId: text('record_id').notNull(),
    stage: text('stage').notNull(),
    at: integer('at').notNull(),
    prevAt: integer('prev_at').notNull(),
    span: integer('span').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.entity, t.recordId, t.stage, t.id] }),
    index('report_reentries_span_ix').on(t.entity, t.span, t.at),
  ],
);

/**
 * Dwell-time groups: the transitions leaving a stage per UTC day of the move, owner, team and
 * dwell bucket (fixed bounds, sql/reports/flow-sql.ts), with their count and total dwell.
 */
export const reportDwell = sqliteTable(
  'report_dwell',
  {
    entity: text('entity').notNull(),
    stage: text('stage').notNull(),
    day: integer('day').notNull(),
    ownerId: text('owner_id').notNull(),
    teamId: text('team_id').notNull(),
    bucket: integer('bucket').notNull(),
    moves: integer('moves').notNull(),
    totalMs: integer('total_ms').notNull(),
  },
  (t) => [primaryKey({ columns: [t.entity, t.stage, t.day, t.ownerId, t.teamId, t.bucket] })],
);

/**
 * Every transition that left a stage with a known dwell, by stage, bucket and time: the exact
 * values a median or p90 is picked from once the groups have named its bucket.
 */
export const reportMoves = sqliteTable(
  'report_moves',
  {
    id: text('id').primaryKey(),
    entity: text('entity').notNull(),
    recordId: text('record_id').notNull(),
    stage: text('stage').notNull(),
    bucket: integer('bucket').notNull(),
    at: integer('at').notNull(),
    dwellMs: integer('dwell_ms').notNull(),
  },
  (t) => [index('report_moves_bucket_ix').on(t.entity, t.stage, t.bucket, t.at)],
);

/**
 * Each record's first entry into each stage it entered (earliest transition to it), kept from
 * the transitions: what a record counts in report_entries, taken out exactly as it was put in.
 */
export const reportFirsts = sqliteTable(
  'report_firsts',
  {
    entity: text('entity').notNull(),
    recordId: text('record_id').notNull(),
    stage: text('stage').notNull(),
    firstAt: integer('first_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.entity, t.recordId, t.stage] })],
);
