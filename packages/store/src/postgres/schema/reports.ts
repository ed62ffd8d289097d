import { sql } from 'drizzle-orm';
import { index, pgTable, primaryKey, smallint } from 'drizzle-orm/pg-core';
import { epoch, int, text } from './columns';

// The PostgreSQL twin of src/schema/reports.ts (maintained by postgres/report-triggers.ts).

export const reportRows = pgTable(
  'report_rows',
  {
    entity: text('entity').notNull(),
    recordId: text('record_id').notNull(),
    day: epoch('day').notNull(),
    ownerId: text('owner_id').notNull(),
    teamId: text('team_id').notNull(),
    stage: text('stage').notNull(),
    entered: text('entered').notNull(),
    createdAt: epoch('created_at').notNull(),
    stageAt: epoch('stage_at'),
    // 1 when the record got its first owner within 24 hours of its creation (cohort-sql.ts inTimeSql).
    inTime: int('in_time').notNull().default(0),
    // Which of its group's rows the record is counted in (cohort-sql.ts groupKey).
    shard: smallint('shard').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.entity, t.recordId] }),
    // A range's partial days are read from the rows created in them (sql/reports/cohort.ts),
    // from this index alone: migration 0019 builds it with the group columns INCLUDEd (owner,
    // team, stage, entered, stage_at, in_time), which drizzle's index builder cannot say.
    index('report_rows_created_ix').on(t.entity, t.createdAt),
  ],
);

export const reportCohorts = pgTable(
  'report_cohorts',
  {
    entity: text('entity').notNull(),
    day: epoch('day').notNull(),
    ownerId: text('owner_id').notNull(),
    teamId: text('team_id').notNull(),
    stage: text('stage').notNull(),
    entered: text('entered').notNull(),
    records: epoch('records').notNull(),
    sumCreated: epoch('sum_created').notNull(),
    sumStageAt: epoch('sum_stage_at').notNull(),
    nStageAt: epoch('n_stage_at').notNull(),
    // Records of the group assigned within 24 hours of creation: data health's in-time count.
    inTime: int('in_time').notNull().default(0),
    shard: smallint('shard').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.entity, t.day, t.ownerId, t.teamId, t.stage, t.entered, t.shard] }),
  ],
);

/** The twin of report_cohort_months: the groups per UTC month, split over shards like the days. */
export const reportCohortMonths = pgTable(
  'report_cohort_months',
  {
    entity: text('entity').notNull(),
    month: epoch('month').notNull(),
    ownerId: text('owner_id').notNull(),
    teamId: text('team_id').notNull(),
    stage: text('stage').notNull(),
    entered: text('entered').notNull(),
    records: epoch('records').notNull(),
    sumCreated: epoch('sum_created').notNull(),
    sumStageAt: epoch('sum_stage_at').notNull(),
    nStageAt: epoch('n_stage_at').notNull(),
    // Records of the group assigned within 24 hours of creation: data health's in-time count.
    inTime: int('in_time').notNull().default(0),
    shard: smallint('shard').notNull().default(0),
  },
  (t) => [
    primaryKey({
      columns: [t.entity, t.month, t.ownerId, t.teamId, t.stage, t.entered, t.shard],
    }),
  ],
);

/** The twin of report_dwell (src/schema/reports.ts): moves per entity, day, stage left and dwell bucket. */
export const reportDwell = pgTable(
  'report_dwell',
  {
    entity: text('entity').notNull(),
    day: epoch('day').notNull(),
    stage: text('stage').notNull(),
    bucket: smallint('bucket').notNull(),
    moves: epoch('moves').notNull(),
    totalMs: epoch('total_ms').notNull(),
  },
  (t) => [primaryKey({ columns: [t.entity, t.day, t.stage, t.bucket] })],
);

/**
 * PostgreSQL only: stage entries per entity, UTC day of the entry (`at` / 86400000), stage
 * entered, UTC day of the record's previous entry into it (-1: its first) and shard (a hash of
 * the record id, as report_cohorts: every new record's first entry lands in today's row of the
 * first stage). A manager's period funnel counts its whole days here (sql/reports/entries-all.ts);
 * SQLite counts its index ranges as fast as this is read.
 */
export const reportEntries = pgTable(
  'report_entries',
  {
    entity: text('entity').notNull(),
    day: epoch('day').notNull(),
    stage: text('stage').notNull(),
    prevDay: epoch('prev_day').notNull(),
    shard: smallint('shard').notNull(),
    entries: epoch('entries').notNull(),
  },
  (t) => [primaryKey({ columns: [t.entity, t.day, t.stage, t.prevDay, t.shard] })],
);

/**
 * PostgreSQL only: report_entries per current owner and team of the record (a live record's
 * report_rows owner and team; '' for none), so a scoped period funnel (a rep's own records, a
 * supervisor's teams) counts its whole days here instead of looking up every record's
 * transitions (sql/reports/owner-entries.ts). A record's entries move when its owner or team
 * changes and leave with it when it is deleted. Unowned records' rows are split over 16 shards
 * (a hash of the record id) as report_entries' are: new leads of a public form land unowned in
 * today's row of the first stage; an owner's rows are one (shard 0).
 */
export const reportOwnerEntries = pgTable(
  'report_owner_entries',
  {
    entity: text('entity').notNull(),
    day: epoch('day').notNull(),
    ownerId: text('owner_id').notNull(),
    teamId: text('team_id').notNull(),
    stage: text('stage').notNull(),
    prevDay: epoch('prev_day').notNull(),
    shard: smallint('shard').notNull(),
    entries: epoch('entries').notNull(),
  },
  (t) => [
    primaryKey({
      columns: [t.entity, t.day, t.ownerId, t.teamId, t.stage, t.prevDay, t.shard],
    }),
    // A rep's rows: the scope compares NULLIF(owner_id, '') (cohort.ts groupCondition), and the
    // previous entry's day is tested in the index (a rep's quarter at 1,000,000 leads: 812 rows
    // read of 3,207). New rows only touch it (an upsert of a kept row changes `entries` alone: a
    // HOT update).
    index('report_owner_entries_owner_ix').on(
      t.entity,
      sql`NULLIF(owner_id, '')`,
      t.day,
      t.stage,
      t.prevDay,
    ),
  ],
);

/** The twin of report_first_owner (src/schema/reports.ts): each record's first owner assignment. */
export const reportFirstOwner = pgTable(
  'report_first_owner',
  {
    entity: text('entity').notNull(),
    recordId: text('record_id').notNull(),
    at: epoch('at').notNull(),
    historyId: text('history_id').notNull(),
    fromNone: smallint('from_none').notNull(),
  },
  (t) => [primaryKey({ columns: [t.entity, t.recordId] })],
);

/** The twin of report_first_touch (src/schema/reports.ts): each record's first touch. */
export const reportFirstTouch = pgTable(
  'report_first_touch',
  {
    entity: text('entity').notNull(),
    recordId: text('record_id').notNull(),
    at: epoch('at').notNull(),
    touchId: text('touch_id').notNull(),
    utmSource: text('utm_source'),
    utmMedium: text('utm_medium'),
    utmCampaign: text('utm_campaign'),
    utmContent: text('utm_content'),
    utmTerm: text('utm_term'),
  },
  (t) => [primaryKey({ columns: [t.entity, t.recordId] })],
);

/** The twin of src/schema/reports.ts reportTouchRows (postgres/touch-triggers.ts keeps it). */
export const reportTouchRows = pgTable(
  'report_touch_rows',
  {
    entity: text('entity').notNull(),
    recordId: text('record_id').notNull(),
    field: text('field').notNull(),
    createdAt: epoch('created_at').notNull(),
    month: epoch('month').notNull(),
    teamId: text('team_id').notNull(),
    stage: text('stage').notNull(),
    utmSource: text('utm_source').notNull(),
    utmMedium: text('utm_medium').notNull(),
    utmCampaign: text('utm_campaign').notNull(),
    utmContent: text('utm_content').notNull(),
    amount: epoch('amount'),
    // The record's shard (hashtext(record_id) & 15): the month group row it is counted in.
    shard: smallint('shard').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.entity, t.recordId, t.field] }),
    // A range's edges are read from this index alone: the migration builds it with the key and
    // amount INCLUDEd, which drizzle's index builder cannot say.
    index('report_touch_rows_created_ix').on(t.entity, t.field, t.createdAt),
  ],
);

/** The twin of src/schema/reports.ts reportTouchMonths. */
export const reportTouchMonths = pgTable(
  'report_touch_months',
  {
    entity: text('entity').notNull(),
    month: epoch('month').notNull(),
    field: text('field').notNull(),
    teamId: text('team_id').notNull(),
    stage: text('stage').notNull(),
    utmSource: text('utm_source').notNull(),
    utmMedium: text('utm_medium').notNull(),
    utmCampaign: text('utm_campaign').notNull(),
    utmContent: text('utm_content').notNull(),
    records: epoch('records').notNull(),
    amountSum: epoch('amount_sum').notNull(),
    amountN: epoch('amount_n').notNull(),
    // 16 rows a group, by its records' shards (touch-sql.ts): concurrent writers' locks apart.
    shard: smallint('shard').notNull().default(0),
  },
  (t) => [
    primaryKey({
      name: 'report_touch_months_pk',
      columns: [
        t.entity,
        t.month,
        t.field,
        t.teamId,
        t.stage,
        t.utmSource,
        t.utmMedium,
        t.utmCampaign,
        t.utmContent,
        t.shard,
      ],
    }),
  ],
);
